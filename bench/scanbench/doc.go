// Package scanbench measures the secret scan (issue 18 item 1) against
// grep -rE 'ssk_[0-9A-Za-z]+' over the same generated tree of text files, Office
// documents and .zip archives, the budget being 2× grep's time. Beside them it times
// grep fed each document unzipped, and the floor of any such scan: only inflating the
// documents' and archives' entries. Run it with:
//
//	go test ./bench/scanbench -run - -bench . -benchtime 1x
//
// SESAME_SCAN_BENCH_MB sets the tree's size (default 100).
package scanbench
