package gui

import "golang.org/x/sys/windows"

// documentsFolder is the user's « Documents » (FOLDERID_Documents), wherever
// Windows keeps it (OneDrive, a redirected folder); "" if Windows does not say.
func documentsFolder() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return dir
}
