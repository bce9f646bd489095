// Command msidialog answers Windows Installer's dialogs as a user would: it waits for
// a window of the installer that shows a text, prints every text of that window, one
// a line ("+" before a visible one, "-" before a hidden one), and presses the button
// named. test/wine runs it under Wine beside msiexec.
//
// Usage: msidialog TEXT BUTTON [TEXT BUTTON]...
//
// BUTTON is the button's label without its "&"; "-" presses nothing.
package main

import (
	"fmt"
	"os"
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 || len(args)%2 != 0 {
		fmt.Fprintln(os.Stderr, "usage: msidialog TEXT BUTTON [TEXT BUTTON]...")
		os.Exit(2)
	}
	for i := 0; i < len(args); i += 2 {
		if err := answer(args[i], args[i+1]); err != nil {
			fmt.Fprintln(os.Stderr, "msidialog:", err)
			os.Exit(1)
		}
	}
}
