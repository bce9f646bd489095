package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sesame/test/gateway/nginxconf"
)

// TestBenchConfIsTheDocumented checks that what sesame-load -nginx measures is the
// configuration docs/gateways/nginx.conf tells a firm to use: the auth_request
// server includes the documented snippets themselves, every upstream keeps
// connections alive as the doc's do, the worker setting is Debian's, Sésame is
// reached over its Unix socket as the doc recommends on one host, and nothing caches
// Sésame's answers.
func TestBenchConfIsTheDocumented(t *testing.T) {
	dir, err := nginxconf.Dir()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(dir + "/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	inc, err := nginxconf.Include()
	if err != nil {
		t.Fatal(err)
	}
	conf, err := benchConf{Dir: "/tmp/n", Sesame: "unix:/tmp/s.sock", App: "127.0.0.1:2", Plain: "127.0.0.1:3", Auth: "127.0.0.1:4"}.render()
	if err != nil {
		t.Fatal(err)
	}
	for _, include := range []string{inc.Auth, inc.Protect} {
		if strings.Count(conf, include) != 1 {
			t.Errorf("the auth_request server does not include %s once:\n%s", include, conf)
		}
	}
	docPools := regexp.MustCompile(`keepalive \d+;`).FindAllString(string(doc), -1)
	if len(docPools) == 0 {
		t.Fatal("no keepalive in docs/gateways/nginx.conf: has its layout changed?")
	}
	ups := regexp.MustCompile(`(?m)^\s*upstream .*$`).FindAllString(conf, -1)
	if len(ups) != 2 {
		t.Errorf("%d upstreams, want sesame and app:\n%s", len(ups), conf)
	}
	for _, up := range ups {
		if !strings.Contains(up, docPools[0]) {
			t.Errorf("%q does not keep connections alive as the doc does (%s)", strings.TrimSpace(up), docPools[0])
		}
	}
	if !strings.Contains(conf, "worker_processes auto;") {
		t.Error(`the measured configuration does not run Debian's "worker_processes auto;"`)
	}
	unixUpstream := regexp.MustCompile(`upstream sesame\s*{\s*server unix:`)
	if unixUpstream.Match(doc) != unixUpstream.MatchString(conf) {
		t.Error("docs/gateways/nginx.conf and the measured configuration do not reach Sésame the same way (Unix socket or TCP)")
	}
	if strings.Contains(conf, "proxy_cache") {
		t.Error("the measured configuration caches Sésame's answers; the documented one does not")
	}
	if floor, err := (benchConf{Dir: "/tmp/n", Sesame: "unix:/tmp/f.sock", App: "127.0.0.1:2", Auth: "127.0.0.1:4"}).render(); err != nil ||
		strings.Count(floor, "listen ") != 1 {
		t.Errorf("without Plain, one server only (auth_request): %v\n%s", err, floor)
	}
}
