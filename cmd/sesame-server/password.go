package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"sesame/service/msg"

	"golang.org/x/term"
)

// readPassword reads the new administrator's password: with no echo, twice, when
// standard input is a terminal; else the first line of standard input (a pipe, a
// file, a secrets manager). Never from the command line, where ps and the shell's
// history would show it.
func readPassword(c cmdIO) (string, error) {
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.stderr, msg.T("cli.mot_passe", nil))
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf(msg.T("cli.lecture_mot_passe", nil), err)
		}
		fmt.Fprint(c.stderr, msg.T("cli.confirmez_mot_passe", nil))
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf(msg.T("cli.lecture_mot_passe", nil), err)
		}
		if string(p1) != string(p2) {
			return "", errors.New(msg.T("cli.deux_mots_passe_different", nil))
		}
		return checkPassword(string(p1))
	}
	line, err := bufio.NewReader(io.LimitReader(c.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf(msg.T("cli.lecture_mot_passe", nil), err)
	}
	return checkPassword(strings.TrimRight(line, "\r\n"))
}

// checkPassword enforces the length policy (NIST SP 800-63B: length, not
// composition rules).
func checkPassword(p string) (string, error) {
	if utf8.RuneCountInString(p) < minPasswordLen || len(p) > 1024 {
		return "", fmt.Errorf(msg.T("cli.mot_passe_doit_compter_1024", nil), minPasswordLen)
	}
	return p, nil
}
