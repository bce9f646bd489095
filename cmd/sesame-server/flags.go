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
			fmt.Fprintln(c.stdout, "\nOptions :")
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

// frenchFlagError translates the flag package's messages.
func frenchFlagError(msg string) string {
	for en, fr := range map[string]string{
		"flag provided but not defined: ": "option inconnue : ",
		"flag needs an argument: ":        "option sans valeur : ",
		"invalid value ":                  "valeur non valide ",
		"invalid boolean value ":          "valeur non valide ",
	} {
		if strings.HasPrefix(msg, en) {
			return fr + strings.TrimPrefix(msg, en)
		}
	}
	return msg
}

// required checks that the named string flags were given.
// parseOptions parses a command that takes options only: a positional argument is
// refused, then the named options are required.
func parseOptions(fs *flag.FlagSet, c cmdIO, synopsis string, args []string, requiredNames ...string) error {
	rest, err := parse(fs, c, synopsis, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("argument inattendu : %s", rest[0])
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
