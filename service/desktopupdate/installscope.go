package desktopupdate

import "strings"

// installedPerMachine reports whether the program at exe, a Windows path, lies in
// one of the system's program folders (Program Files: an install for every user of
// the computer, ALLUSERS=1) rather than in the user's profile (the MSI's default,
// per user). Windows paths are compared in any case and with either slash; an empty
// folder is ignored.
func installedPerMachine(exe string, programFolders []string) bool {
	exe = strings.ReplaceAll(exe, "/", `\`)
	for _, dir := range programFolders {
		dir = strings.TrimRight(strings.ReplaceAll(dir, "/", `\`), `\`)
		if dir == "" || len(exe) <= len(dir)+1 {
			continue
		}
		if strings.EqualFold(exe[:len(dir)], dir) && exe[len(dir)] == '\\' {
			return true
		}
	}
	return false
}
