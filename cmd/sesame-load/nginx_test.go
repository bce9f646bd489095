package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestBenchConfIsTheDocumented checks that what sesame-load -nginx measures is the
// configuration docs/gateways/nginx.conf tells a firm to use: every directive of the
// sub-request location and of the protect snippet, the keep-alive pools, the worker
// setting, and Sésame reached over its Unix socket.
func TestBenchConfIsTheDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/gateways/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	bench := map[string]bool{}
	for _, l := range strings.Split(nginxBenchConf, "\n") {
		bench[normDirective(l)] = true
	}
	var want []string
	inSub, inSnippet := false, false
	for _, l := range strings.Split(string(doc), "\n") {
		line := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(line, "location = /_sesame"):
			inSub = true
		case inSub && line == "}":
			inSub = false
		case inSub:
			want = append(want, normDirective(line))
		case strings.HasPrefix(line, "# --- snippets/sesame-protect.conf"):
			inSnippet = true
		case inSnippet && strings.HasPrefix(line, "# ") && !strings.HasPrefix(line, "# #"):
			want = append(want, normDirective(strings.TrimPrefix(line, "# ")))
		}
	}
	for _, m := range regexp.MustCompile(`keepalive \d+;`).FindAllString(string(doc), -1) {
		want = append(want, m)
	}
	want = append(want, "worker_processes auto;")
	if len(want) < 20 {
		t.Fatalf("only %d directives found in docs/gateways/nginx.conf: has its layout changed?", len(want))
	}
	for _, d := range want {
		if d != "" && !bench[d] && !strings.Contains(nginxBenchConf, d) {
			t.Errorf("docs/gateways/nginx.conf has %q, the measured configuration does not", d)
		}
	}
	unixUpstream := regexp.MustCompile(`upstream sesame\s*{\s*server unix:`)
	if unixUpstream.Match(doc) != unixUpstream.MatchString(nginxBenchConf) {
		t.Error("docs/gateways/nginx.conf and the measured configuration do not reach Sésame the same way (Unix socket or TCP)")
	}
	if strings.Contains(nginxBenchConf, "proxy_cache") {
		t.Error("the measured configuration caches Sésame's answers; the documented one does not")
	}
}

// normDirective drops a comment and collapses blanks.
func normDirective(l string) string {
	if i := strings.Index(l, "#"); i >= 0 {
		l = l[:i]
	}
	return strings.Join(strings.Fields(l), " ")
}
