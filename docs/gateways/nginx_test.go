package gateways

import (
	"slices"
	"strings"
	"testing"
)

// TestNginxBlocks checks that the blocks read from docs/gateways/nginx.conf are
// whole: the directives a firm must not miss are there, the sub-request's
// proxy_pass is not, and nothing is left commented.
func TestNginxBlocks(t *testing.T) {
	b := Nginx()
	for _, c := range []struct {
		name string
		got  Directives
		min  int
		want []string
	}{
		{"sub-request location", b.Subrequest, 7, []string{
			"internal;",
			"proxy_pass_request_body off;",
			`proxy_set_header Content-Length "";`,
			"proxy_set_header X-Sesame-Service $sesame_service;",
			"proxy_set_header X-Original-URI $request_uri;",
			"proxy_http_version 1.1;",
			`proxy_set_header Connection "";`,
		}},
		{"protect snippet", b.Protect, 12, []string{
			"auth_request /_sesame;",
			`proxy_set_header x-apikey "";`,
			"proxy_http_version 1.1;",
			`proxy_set_header Connection "";`,
		}},
	} {
		if len(c.got) < c.min {
			t.Errorf("%s: %d directives, want at least %d: %q", c.name, len(c.got), c.min, c.got)
		}
		for _, w := range c.want {
			if !slices.Contains(c.got, w) {
				t.Errorf("%s: no %q in %q", c.name, w, c.got)
			}
		}
		for _, d := range c.got {
			if strings.Contains(d, "#") || strings.HasPrefix(d, "proxy_pass ") || !strings.HasSuffix(d, ";") {
				t.Errorf("%s: %q is not a bare directive (comment, proxy_pass, no \";\")", c.name, d)
			}
		}
	}
	for _, header := range []string{"X-Sesame-Key", "X-Sesame-Tiers", "X-Sesame-Service", "X-Sesame-Key-Name"} {
		if !slices.ContainsFunc(b.Protect, func(d string) bool { return strings.HasPrefix(d, "proxy_set_header "+header+" ") }) {
			t.Errorf("the protect snippet does not pass %s upstream: %q", header, b.Protect)
		}
	}
	b.Protect[0] = "changed;"
	if Nginx().Protect[0] == "changed;" {
		t.Error("Nginx returns the package's own slices: a caller can change what the next one reads")
	}
}

// TestParseNginxFailsLoudly checks that a file whose layout changed gives an error,
// not empty blocks.
func TestParseNginxFailsLoudly(t *testing.T) {
	good := "server {\n  location = /_sesame {\n    internal;\n    proxy_pass http://sesame/v1/gateway;\n  }\n}\n" +
		"# --- snippets/sesame-protect.conf ---\n# auth_request /_sesame;\n# # a comment\n# proxy_set_header x-apikey \"\";   # why\n"
	b, err := ParseNginx(good)
	if err != nil {
		t.Fatalf("ParseNginx of a well laid-out file: %v", err)
	}
	if !slices.Equal(b.Subrequest, Directives{"internal;"}) || !slices.Equal(b.Protect, Directives{"auth_request /_sesame;", `proxy_set_header x-apikey "";`}) {
		t.Fatalf("ParseNginx = %q", b)
	}
	for _, c := range []struct{ name, from, to string }{
		{"no sub-request location", "location = /_sesame {", "location /_sesame {"},
		{"sub-request location not closed", "  }\n}\n", ""},
		{"empty sub-request location", "    internal;\n", ""},
		{"no proxy_pass", "    proxy_pass http://sesame/v1/gateway;\n", "    internal;\n"},
		{"two directives on a line", "    internal;\n", "    internal; proxy_buffering off;\n"},
		{"no snippet heading", "# --- snippets/sesame-protect.conf", "# --- snippets/protect.conf"},
		{"empty snippet", "# auth_request /_sesame;\n", "auth_request /_sesame;\n"},
		{"directive cut over two lines", "# auth_request /_sesame;", "# auth_request\n# /_sesame;"},
	} {
		broken := strings.Replace(good, c.from, c.to, 1)
		if broken == good {
			t.Fatalf("%s: the test did not change the file", c.name)
		}
		if b, err := ParseNginx(broken); err == nil {
			t.Errorf("%s: ParseNginx gave no error, but %q", c.name, b)
		}
	}
}

// TestDirectivesText checks the text the bench and the gateway test put in their
// configurations.
func TestDirectivesText(t *testing.T) {
	got := Directives{"internal;", "proxy_http_version 1.1;"}.Text("  ")
	if want := "  internal;\n  proxy_http_version 1.1;\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}
