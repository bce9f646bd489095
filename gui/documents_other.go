//go:build !windows

package gui

import (
	"os"
	"path/filepath"
)

// documentsFolder is the user's Documents folder: ~/Documents on macOS and on most
// Linux desktops (XDG_DOCUMENTS_DIR when the environment names it).
func documentsFolder() string {
	if dir := os.Getenv("XDG_DOCUMENTS_DIR"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, "Documents")
}
