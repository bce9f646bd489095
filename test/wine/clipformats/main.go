// Command clipformats lists the formats on the Windows clipboard, one a line as
// "NAME=HEX" (the first bytes of its data, in hex; never the text of the standard
// text formats, which may be a secret). test/wine runs it under Wine beside Sésame,
// after Copier, to find the marks that keep a secret out of the clipboard history.
package main

import (
	"fmt"
	"os"
)

func main() {
	lines, err := formats()
	if err != nil {
		fmt.Fprintln(os.Stderr, "clipformats:", err)
		os.Exit(1)
	}
	for _, l := range lines {
		fmt.Println(l)
	}
}
