package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sesame/docs/gateways"
)

// TestBenchConfIsTheDocumented checks that what sesame-load -nginx measures is the
// configuration docs/gateways/nginx.conf tells a firm to use: both auth_request
// servers hold the documented sub-request location and protect snippet (read from
// the file by package gateways), every upstream keeps connections alive as the doc's
// do, the worker setting is Debian's, Sésame is reached over its Unix socket as the
// doc recommends on one host, and nothing caches Sésame's answers.
func TestBenchConfIsTheDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/gateways/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf, err := benchConf{Dir: "/tmp/n", Sesame: "127.0.0.1:1", SesameUnix: "/tmp/s.sock", App: "127.0.0.1:2",
		Plain: "127.0.0.1:3", Auth: "127.0.0.1:4", AuthTCP: "127.0.0.1:5"}.render()
	if err != nil {
		t.Fatal(err)
	}
	blocks := gateways.Nginx()
	for name, d := range map[string]gateways.Directives{"sub-request location": blocks.Subrequest, "protect snippet": blocks.Protect} {
		if n := strings.Count(conf, d.Text("      ")); n != 2 {
			t.Errorf("the documented %s is in %d of the 2 auth_request servers:\n%s", name, n, conf)
		}
	}
	for _, up := range []string{"sesame", "sesame_tcp"} {
		if !strings.Contains(conf, "proxy_pass http://"+up+"/v1/gateway;") {
			t.Errorf("no sub-request goes to upstream %s:\n%s", up, conf)
		}
	}
	docPools := regexp.MustCompile(`keepalive \d+;`).FindAllString(string(doc), -1)
	if len(docPools) == 0 {
		t.Fatal("no keepalive in docs/gateways/nginx.conf: has its layout changed?")
	}
	for _, up := range regexp.MustCompile(`(?m)^\s*upstream .*$`).FindAllString(conf, -1) {
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
}
