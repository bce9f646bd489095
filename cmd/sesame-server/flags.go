package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sesame/service/msg"
)

// usageError is a command line the command cannot understand: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// errHelpShown ends a command after --help printed its usage.
var errHelpShown = errors.New("help shown")

// newFlags returns a flag set that prints nothing by itself: --help goes to stdout
// through parse, errors come back as one-line usageErrors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args, allowing positional arguments between flags
// ("catalogue import --db X FILE" and "catalogue import FILE --db X"), and returns
// the positional ones. --help prints the synopsis and the flags to stdout.
func parse(fs *flag.FlagSet, c cmdIO, synopsis string, args []string) ([]string, error) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(c.stdout, synopsis)
			fmt.Fprintln(c.stdout, "\n"+msg.T("cli.options", nil))
			fs.SetOutput(c.stdout)
			fs.PrintDefaults()
			return nil, errHelpShown
		}
		if err != nil {
			return nil, usageError{msg: frenchFlagError(err.Error())}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// frenchFlagError puts the flag package's English messages in the catalogue's words.
func frenchFlagError(text string) string {
	for en, code := range map[string]msg.Code{
		"flag provided but not defined: ": "cli.option_inconnue",
		"flag needs an argument: ":        "cli.option_sans_valeur",
		"invalid value ":                  "cli.valeur_non_valide",
		"invalid boolean value ":          "cli.valeur_non_valide",
	} {
		if rest, ok := strings.CutPrefix(text, en); ok {
			return fmt.Sprintf(msg.T(code, nil), rest)
		}
	}
	return text
}

// parseOptions parses a command that takes options only: a positional argument is
// refused, then the named options are required.
func parseOptions(fs *flag.FlagSet, c cmdIO, synopsis string, args []string, requiredNames ...string) error {
	rest, err := parse(fs, c, synopsis, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef(msg.T("cli.argument_inattendu", nil), rest[0])
	}
	return required(fs, requiredNames...)
}

// required fails unless every named option was given a value.
func required(fs *flag.FlagSet, names ...string) error {
	for _, n := range names {
		if f := fs.Lookup(n); f == nil || strings.TrimSpace(f.Value.String()) == "" {
			return usagef(msg.T("cli.option_obligatoire", nil), n)
		}
	}
	return nil
}
