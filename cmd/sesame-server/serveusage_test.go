package main_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestServeUsageNamesEveryFlag checks that the first lines of serve --help, the
// synopsis an operator reads, name every option serve has.
func TestServeUsageNamesEveryFlag(t *testing.T) {
	r := sesame(t, "", "serve", "--help")
	synopsis, options, ok := strings.Cut(r.stdout, "\nOptions :")
	if r.code != 0 || !ok {
		t.Fatalf("serve --help: exit %d:\n%s", r.code, r.stdout)
	}
	usage, _, _ := strings.Cut(synopsis, "\n\n") // the usage lines, before the description
	flags := regexp.MustCompile(`(?m)^\s+-([a-z-]+)`).FindAllStringSubmatch(options, -1)
	if len(flags) < 10 {
		t.Fatalf("serve --help lists %d options:\n%s", len(flags), options)
	}
	for _, f := range flags {
		if !strings.Contains(usage, "--"+f[1]+" ") && !strings.Contains(usage, "--"+f[1]+"]") {
			t.Errorf("the usage lines of serve do not name --%s:\n%s", f[1], usage)
		}
	}
}
