// Command savedialog opens the system's « Enregistrer sous » through sesame/gui/sysdialog,
// exactly as the Windows app does for the journal's export, and answers it as a user
// who accepts the suggested name: it finds the dialog by its title, presses its
// Enregistrer button (IDOK), and prints "dialog=found" then "saved=PATH". test/wine
// runs it under Wine.
//
// Usage: savedialog TITLE START-FOLDER NAME
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: savedialog TITLE START-FOLDER NAME")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "savedialog:", err)
		os.Exit(1)
	}
}
