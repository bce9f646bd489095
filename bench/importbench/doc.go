// Package importbench measures sesame-server import (issue 20 item 4): a desktop's
// file of 100,000 keys and 300,000 journal events carried into PostgreSQL, the
// issue's budget being 60 s. Run it with:
//
//	scripts/with-test-services go test ./bench/importbench -run - -bench . -benchtime 1x
package importbench
