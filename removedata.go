package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// removeDataArg is the argument with which the MSI's uninstall, asked to by
// REMOVEDATA=1, starts the installed Sésame.exe one last time: it removes the firm's
// data of the user who uninstalls, then exits, before any window.
const removeDataArg = "--remove-data"

// dataFolder is the app's storage folder as Fyne makes it for appID (fyne.io/fyne/v2
// internal/app rootConfigDir, then the app's ID), without starting Fyne: a program
// run by Windows Installer may have no desktop to open.
func dataFolder(goos, home string) string {
	switch goos {
	case "windows":
		return filepath.Join(home, "AppData", "Roaming", "fyne", appID)
	case "darwin":
		return filepath.Join(home, "Library", "Preferences", "fyne", appID)
	default:
		return filepath.Join(home, ".config", "fyne", appID)
	}
}

// removeData removes the firm's data folder of the user running it, whole: the
// local store, its journal, the preferences, the log and any downloaded update.
// A folder that is not there is no error. The keychain's entries (the journal's
// sealing key, a server session) are the system's to keep or remove.
func removeData() error {
	home, err := os.UserHomeDir()
	if err != nil {
		return err
	}
	return removeTree(dataFolder(runtime.GOOS, home))
}

// removeTree removes a folder and what it holds with one plain delete per file and
// folder, deepest first. (os.RemoveAll's Windows path fails under Wine, which the
// MSI's tests run: « unlinkat …: Invalid function ».)
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, path)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for i := len(paths) - 1; i >= 0; i-- { // WalkDir lists a folder before its content
		if err := os.Remove(paths[i]); err != nil {
			return err
		}
	}
	return nil
}
