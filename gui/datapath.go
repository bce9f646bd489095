package gui

import (
	"strings"
)

// shownPath is a folder's path as goos writes it: Windows' backslashes (Fyne's
// storage gives C:/Users/… there), unchanged elsewhere.
func shownPath(goos, path string) string {
	if goos != "windows" {
		return path
	}
	path = strings.ReplaceAll(path, "/", `\`)
	// A URI's path may keep the slash before the drive: \C:\Users → C:\Users.
	if len(path) > 3 && path[0] == '\\' && path[2] == ':' {
		path = path[1:]
	}
	return path
}

// pathLines breaks a long path into lines of at most width characters, after a
// separator (a folder's name is never cut in two, unless it is longer than a
// line on its own), so that a narrow dialog shows where each folder begins.
func pathLines(path string, sep byte, width int) string {
	var lines []string
	line := ""
	for rest := path; rest != ""; {
		part := rest
		if i := strings.IndexByte(rest[1:], sep); i >= 0 {
			part = rest[:i+2] // up to and with the separator
		}
		rest = rest[len(part):]
		if line != "" && len([]rune(line))+len([]rune(part)) > width {
			lines = append(lines, line)
			line = ""
		}
		line += part
	}
	return strings.Join(append(lines, line), "\n")
}
