// Command sesame-server is Sésame's firm server: the HTTP API and OAuth2
// authorization server that the desktop app signs in to and that gateways verify API
// keys with, on a SQLite file or a PostgreSQL database shared by several replicas,
// and the command-line administration of that database (tiers, administrators,
// catalogue). It links no GUI and builds without cgo.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"sesame/service"
	"sesame/service/msg"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cmdIO is what a command reads and writes; tests give it buffers.
type cmdIO struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run executes one command line and returns the exit status: 0, 1 for a failure,
// 2 for a command line it cannot understand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := cmdIO{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	if isHelp(args[0]) {
		printUsage(stdout)
		return 0
	}
	found, rest, ok := findCommand(args)
	if !ok {
		return unknownCommand(stdout, stderr, args)
	}
	name, cmd, args := found.name, found.run, rest
	err := cmd(ctx, c, args)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelpShown):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, msg.T(msgUsageError, nil)+"\n", name, oneLine(ue.msg), name)
		return 2
	default:
		fmt.Fprintf(stderr, "sesame-server %s : %s\n", name, oneLine(describe(err)))
		return 1
	}
}

// unknownCommand answers a command line that names no command: a group's list of
// commands for "GROUPE" or "GROUPE --help", else one line saying what is unknown.
func unknownCommand(stdout, stderr io.Writer, args []string) int {
	group, members := groupOf(args)
	if group != "" {
		rest := args[len(strings.Fields(group)):]
		if len(rest) == 1 && isHelp(rest[0]) {
			printGroup(stdout, group, members)
			return 0
		}
		if len(rest) == 0 {
			printGroup(stderr, group, members)
			return 2
		}
		fmt.Fprintf(stderr, msg.T(msgUnknownSubcommand, nil)+"\n", oneLine(strings.Join(args[:min(len(strings.Fields(group))+1, len(args))], " ")),
			group, groupNames(group, members), group)
		return 2
	}
	fmt.Fprintf(stderr, msg.T(msgUnknownCommand, nil)+"\n", oneLine(strings.Join(args[:min(2, len(args))], " ")))
	return 2
}

// describe is the sentence for a failure: the domain's sentence in French, with the
// cause when the sentence alone ("une erreur inattendue") would not help the operator.
// No cause repeats a password: the stores withhold them from their errors.
func describe(err error) string {
	var se *service.Error
	if errors.As(err, &se) {
		text := se.Text(msg.French)
		if (se.Code == service.EINTERNAL || se.Code == service.EUNAVAILABLE) && se.Err != nil {
			return text + " (" + se.Err.Error() + ")"
		}
		return text
	}
	return err.Error()
}

// oneLine keeps a message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
