package main

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 21, item 11: `sesame --help` answers its usage and stops before any window
// (without a display it panicked with a Go stack trace); an unknown argument says so.
func TestCommandLineBeforeAnyWindow(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	for _, c := range []struct {
		lang   string
		args   []string
		stop   bool
		status int
		says   string
	}{
		{"fr_FR.UTF-8", []string{"--help"}, true, 0, "Usage : sesame"},
		{"fr_FR.UTF-8", []string{"-h"}, true, 0, "sesame-server --help"},
		{"en_US.UTF-8", []string{"--help"}, true, 0, "it has no command-line option"},
		{"fr_FR.UTF-8", []string{"--verbose"}, true, 2, "argument inconnu « --verbose »"},
		{"fr_FR.UTF-8", nil, false, 0, ""},
		{"fr_FR.UTF-8", []string{"-psn_0_12345"}, false, 0, ""},
	} {
		t.Setenv("LANG", c.lang)
		var out bytes.Buffer
		stop, status := commandLine(c.args, &out)
		if stop != c.stop || status != c.status || !strings.Contains(out.String(), c.says) {
			t.Errorf("%s %v: stop %v status %d, said %q", c.lang, c.args, stop, status, out.String())
		}
	}
}
