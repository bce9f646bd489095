// Package nginxconf gives the gateway test (test/gateway) and the bench
// (cmd/sesame-load -nginx) the nginx snippets that docs/gateways documents, read
// from the source tree, so that what is tested and measured is what a firm copies
// into /etc/nginx/snippets, not a copy of it.
package nginxconf

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// The documented snippets, in docs/gateways.
const (
	// AuthSnippet holds the server-level locations: the sub-request to Sésame
	// (/_sesame) and the refusals' (@sesame_refused). It needs an upstream "sesame".
	AuthSnippet = "sesame-auth.conf"
	// ProtectSnippet is what every protected location includes, after it set
	// $sesame_service and before its proxy_pass.
	ProtectSnippet = "sesame-protect.conf"
)

// Dir is the absolute path of docs/gateways in the source tree this package was
// built from.
func Dir() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "", errors.New("nginxconf: the source tree is unknown (built with -trimpath?)")
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "docs", "gateways")
	for _, name := range []string{"nginx.conf", AuthSnippet, ProtectSnippet} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return "", fmt.Errorf("nginxconf: %w", err)
		}
	}
	return dir, nil
}

// Includes are the nginx directives that include the documented snippets from the
// source tree: Auth in a server {} block, Protect in each protected location.
type Includes struct{ Auth, Protect string }

// Include returns the include directives of the documented snippets.
func Include() (Includes, error) {
	dir, err := Dir()
	if err != nil {
		return Includes{}, err
	}
	return Includes{
		Auth:    `include "` + filepath.Join(dir, AuthSnippet) + `";`,
		Protect: `include "` + filepath.Join(dir, ProtectSnippet) + `";`,
	}, nil
}
