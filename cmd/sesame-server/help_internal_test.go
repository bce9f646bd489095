package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// Every command and every group answers --help on stdout with exit 0: a command its
// synopsis and options, a group the first line of each of its commands.
func TestEveryCommandAndGroupHasHelp(t *testing.T) {
	groups := map[string][]string{}
	for _, c := range commands {
		words := strings.Fields(c.name)
		for n := 1; n < len(words); n++ {
			g := strings.Join(words[:n], " ")
			groups[g] = append(groups[g], c.name)
		}
		out := helpOf(t, words...)
		if !strings.HasPrefix(out, "sesame-server "+c.name) || !strings.Contains(out, "Options :") {
			t.Errorf("%s --help:\n%s", c.name, out)
		}
	}
	if len(groups) < 7 {
		t.Fatalf("only %d groups found: %v", len(groups), groups)
	}
	for g, members := range groups {
		out := helpOf(t, strings.Fields(g)...)
		for _, m := range members {
			first, _, _ := strings.Cut(synopsisOf(m), "\n")
			if !strings.Contains(out, first) {
				t.Errorf("%s --help does not list %q:\n%s", g, first, out)
			}
		}
	}
	// audit export --help names every action the journal records.
	out := helpOf(t, "audit", "export")
	for _, a := range service.AuditActions() {
		if !strings.Contains(out, api.WireAction(a)+" (") {
			t.Errorf("audit export --help does not name the action %s:\n%s", a, out)
		}
	}
}

// sesame-server --help gives the usage of every command of the table, with all its
// options (firm policy's --partner-max-key-lifetime and --address-required too), and
// the same help goes to stderr with exit 2 when no command is given.
func TestTopLevelHelpListsEveryCommand(t *testing.T) {
	out := helpOf(t)
	for _, c := range commands {
		usage, _, _ := strings.Cut(c.synopsis, "\n\n")
		for line := range strings.SplitSeq(usage, "\n") {
			if !strings.Contains(out, "  "+line+"\n") {
				t.Errorf("sesame-server --help lacks %q of %s:\n%s", line, c.name, out)
			}
		}
	}
	if len(commands) < 24 {
		t.Fatalf("only %d commands in the table", len(commands))
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, strings.NewReader(""), &stdout, &stderr); code != 2 || stdout.Len() != 0 || stderr.String() != out {
		t.Errorf("sesame-server with no command: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// An unknown command of a group names the group's commands.
func TestUnknownCommandOfAGroup(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"master-key", "renew"}, strings.NewReader(""), &stdout, &stderr)
	if code != 2 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "commande inconnue : master-key renew") ||
		!strings.Contains(stderr.String(), "init, rotate") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// helpOf runs the words followed by --help and returns stdout, failing unless the
// exit is 0 with nothing on stderr.
func helpOf(t *testing.T, words ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append(words, "--help"), strings.NewReader(""), &stdout, &stderr)
	if code != 0 || stderr.Len() != 0 {
		t.Errorf("%v --help: exit %d, stderr %q", words, code, stderr.String())
	}
	return stdout.String()
}

// synopsisOf is the synopsis of the named command.
func synopsisOf(name string) string {
	for _, c := range commands {
		if c.name == name {
			return c.synopsis
		}
	}
	return ""
}
