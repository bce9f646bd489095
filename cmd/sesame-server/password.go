package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// readPassword reads the new administrator's password: with no echo, twice, when
// standard input is a terminal; else the first line of standard input (a pipe, a
// file, a secrets manager). Never from the command line, where ps and the shell's
// history would show it.
func readPassword(c cmdIO) (string, error) {
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.stderr, "Mot de passe : ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf("lecture du mot de passe : %w", err)
		}
		fmt.Fprint(c.stderr, "Confirmez le mot de passe : ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf("lecture du mot de passe : %w", err)
		}
		if string(p1) != string(p2) {
			return "", errors.New("les deux mots de passe diffèrent")
		}
		return checkPassword(string(p1))
	}
	line, err := bufio.NewReader(io.LimitReader(c.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("lecture du mot de passe : %w", err)
	}
	return checkPassword(strings.TrimRight(line, "\r\n"))
}

// checkPassword enforces the length policy (NIST SP 800-63B: length, not
// composition rules).
func checkPassword(p string) (string, error) {
	if utf8.RuneCountInString(p) < minPasswordLen || len(p) > 1024 {
		return "", fmt.Errorf("le mot de passe doit compter de %d à 1024 caractères", minPasswordLen)
	}
	return p, nil
}
