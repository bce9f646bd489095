package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"sesame/service/msg"
)

// commandLine answers what is asked on the command line before any window opens
// (a desktop app needs a display, which a terminal may lack): --help, -h, the
// uninstall's --remove-data, or an unknown argument, said in the locale's language. It reports whether the app must
// stop there, and with which exit status.
func commandLine(args []string, out io.Writer) (stop bool, status int) {
	if len(args) == 0 {
		return false, 0
	}
	lang := msg.French
	if env := envLanguage(); strings.HasPrefix(env, "en") {
		lang = msg.English
	}
	switch args[0] {
	case "-h", "-help", "--help", "help", "/?":
		fmt.Fprintln(out, msg.Text("app.usage", lang, nil))
		return true, 0
	case removeDataArg: // the MSI's uninstall with REMOVEDATA=1, no one else
		if err := removeData(); err != nil {
			fmt.Fprintln(out, err)
			return true, 1
		}
		return true, 0
	}
	if strings.HasPrefix(args[0], "-psn_") { // macOS's process serial number, from Finder
		return false, 0
	}
	fmt.Fprintln(out, msg.Text("app.unknown_argument", lang, msg.Params{"Arg": args[0]}))
	fmt.Fprintln(out, msg.Text("app.usage", lang, nil))
	return true, 2
}

// envLanguage is the language the locale's environment variables name, "" for none.
func envLanguage() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return l
		}
	}
	return ""
}
