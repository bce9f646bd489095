package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"sesame/service/msg"
)

// command is one subcommand: the words that name it ("admin sessions revoke"), what
// runs it, and its synopsis, whose first line the group's help lists.
type command struct {
	name     string
	run      func(context.Context, cmdIO, []string) error
	synopsis string
}

// commands are every subcommand, in the order the help lists them. The dispatcher,
// the groups' help and the test that runs every --help read this one list.
var commands = []command{
	{"init", initCmd, msg.T(initSynopsis, nil)},
	{"serve", serveCmd, msg.T(serveSynopsis, nil)},
	{"master-key init", masterKeyInitCmd, msg.T(masterKeyInitSynopsis, nil)},
	{"master-key rotate", masterKeyRotateCmd, msg.T(masterKeyRotateSynopsis, nil)},
	{"tiers add", tiersAddCmd, msg.T(tiersAddSynopsis, nil)},
	{"admin add", adminAddCmd, msg.T(adminAddSynopsis, nil)},
	{"admin remove", adminRemoveCmd, msg.T(adminRemoveSynopsis, nil)},
	{"admin sessions revoke", adminSessionsRevokeCmd, msg.T(adminSessionsRevokeSynopsis, nil)},
	{"catalogue import", catalogueImportCmd, msg.T(catalogueImportSynopsis, nil)},
	{"tls fingerprint", tlsFingerprintCmd, msg.T(fingerprintSynopsis, nil)},
	{"firm policy", firmPolicyCmd, msg.T(firmPolicySynopsis, nil)},
	{"audit export", auditExportCmd, auditExportSynopsis},
	{"audit verify", auditVerifyCmd, msg.T(auditVerifySynopsis, nil)},
	{"audit seal", auditSealCmd, msg.T(auditSealSynopsis, nil)},
	{"import", importCmd, msg.T(importSynopsis, nil)},
	{"scan", scanCmd, msg.T(scanSynopsis, nil)},
	{"desktop publish", desktopPublishCmd, msg.T(desktopPublishSynopsis, nil)},
	{"notify smtp set", notifySMTPSetCmd, msg.T(notifySMTPSetSynopsis, nil)},
	{"notify smtp test", notifySMTPTestCmd, msg.T(notifySMTPTestSynopsis, nil)},
	{"notify webhook add", notifyWebhookAddCmd, msg.T(notifyWebhookAddSynopsis, nil)},
	{"notify webhook list", notifyWebhookListCmd, msg.T(notifyWebhookListSynopsis, nil)},
	{"notify webhook remove", notifyWebhookRemoveCmd, msg.T(notifyWebhookRemoveSynopsis, nil)},
	{"notify deliveries list", notifyDeliveriesListCmd, msg.T(notifyDeliveriesListSynopsis, nil)},
	{"notify deliveries retry", notifyDeliveriesRetryCmd, msg.T(notifyDeliveriesRetrySynopsis, nil)},
}

// findCommand returns the command that args start with, and the arguments after its
// name; ok is false when no command matches.
func findCommand(args []string) (cmd command, rest []string, ok bool) {
	for _, c := range commands {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

// groupOf returns the group that args start with ("admin", "admin sessions") and the
// commands in it, the longest group first; nil when args name no group.
func groupOf(args []string) (group string, members []command) {
	for n := len(args); n > 0; n-- {
		prefix := strings.Join(args[:n], " ") + " "
		for _, c := range commands {
			if strings.HasPrefix(c.name, prefix) {
				members = append(members, c)
			}
		}
		if members != nil {
			return strings.TrimSpace(prefix), members
		}
	}
	return "", nil
}

// isHelp reports whether an argument asks for help.
func isHelp(arg string) bool {
	return arg == "--help" || arg == "-help" || arg == "-h" || arg == "help"
}

// printUsage writes the top-level help: the usage of every command of the table, in
// its order (the lines of its synopsis before the first blank one), so that no
// command can be missing from it.
func printUsage(w io.Writer) {
	fmt.Fprintln(w, msg.T("cli.usage_entete", nil))
	for _, c := range commands {
		usage, _, _ := strings.Cut(c.synopsis, "\n\n")
		for line := range strings.SplitSeq(usage, "\n") {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	fmt.Fprintf(w, "\n%s\n", msg.T("cli.usage_pied", nil))
}

// printGroup lists a group's commands: the first line of each synopsis.
func printGroup(w io.Writer, group string, members []command) {
	fmt.Fprintf(w, msg.T("cli.groupe_commandes", nil)+"\n\n", group)
	for _, c := range members {
		first, _, _ := strings.Cut(c.synopsis, "\n")
		fmt.Fprintf(w, "  %s\n", first)
	}
	fmt.Fprintf(w, "\n"+msg.T("cli.groupe_chaque_commande_accepte_help", nil)+"\n", members[0].name)
}

// groupNames is a group's command names after the group's own words, for a one-line
// message: "add, remove, sessions revoke".
func groupNames(group string, members []command) string {
	names := make([]string, len(members))
	for i, c := range members {
		names[i] = strings.TrimPrefix(c.name, group+" ")
	}
	return strings.Join(names, ", ")
}
