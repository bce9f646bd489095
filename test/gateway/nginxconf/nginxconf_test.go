package nginxconf

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// directives reads an nginx file as its directives, one per element, without
// comments and with runs of blanks made one.
func directives(t *testing.T, name string) []string {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(line[:i], "'") {
			line = line[:i]
		}
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// TestDocumentedSnippets checks what a firm must not lose in the documented files:
// the sub-request sends Sésame only what it needs, with the client's address as
// nginx saw it (never the client's own X-Forwarded-For) and the method nginx got
// (never the client's own X-Forwarded-Method or X-Original-Method), nothing is cached, the
// upstream never sees the secret, and nginx.conf includes both snippets.
func TestDocumentedSnippets(t *testing.T) {
	for _, c := range []struct {
		file      string
		want, not []string
	}{
		{AuthSnippet, []string{
			"location = /_sesame {",
			"internal;",
			"proxy_pass http://sesame/v1/gateway;",
			"proxy_pass_request_body off;",
			"proxy_pass_request_headers off;",
			"proxy_set_header x-apikey $http_x_apikey;",
			"proxy_set_header X-Sesame-Service $sesame_service;",
			"proxy_set_header X-Forwarded-Method $request_method;",
			"proxy_set_header X-Original-Method $request_method;",
			"proxy_set_header X-Original-URI $request_uri;",
			"proxy_set_header X-Forwarded-For $remote_addr;",
			"proxy_http_version 1.1;",
			`proxy_set_header Connection "";`,
			"location @sesame_refused {",
		}, []string{"$proxy_add_x_forwarded_for", "proxy_cache"}},
		{ProtectSnippet, []string{
			"auth_request /_sesame;",
			"auth_request_set $sesame_retry_after $upstream_http_retry_after;",
			"error_page 401 = @sesame_refused;",
			"proxy_set_header X-Sesame-Key $sesame_key;",
			"proxy_set_header X-Sesame-Tiers $sesame_tiers;",
			"proxy_set_header X-Sesame-Service $sesame_svc;",
			"proxy_set_header X-Sesame-Key-Name $sesame_name;",
			`proxy_set_header x-apikey "";`,
			"proxy_http_version 1.1;",
			`proxy_set_header Connection "";`,
		}, []string{"proxy_pass ", "proxy_cache"}},
		{"nginx.conf", []string{
			"upstream sesame {",
			"include snippets/sesame-auth.conf;",
			"include snippets/sesame-protect.conf;",
		}, []string{"proxy_cache"}},
	} {
		got := directives(t, c.file)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: no %q", c.file, w)
			}
		}
		for _, n := range c.not {
			if slices.ContainsFunc(got, func(d string) bool { return strings.Contains(d, n) }) {
				t.Errorf("%s: holds %q", c.file, n)
			}
		}
	}
}
