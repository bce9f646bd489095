package main

import "testing"

// TestDataFolderStaysPut: Fyne names the data folder after the app's ID
// (%AppData%\fyne\fr.cabinet.sesame on Windows, ~/Library/Preferences/fyne/… on macOS,
// ~/.config/fyne/… on Linux; README, « Démarrer »). A new ID in main.go or in
// FyneApp.toml would start every firm on an empty folder after an update, its keys
// and journal left behind in the old one.
func TestDataFolderStaysPut(t *testing.T) {
	if appID != "fr.cabinet.sesame" {
		t.Errorf("appID is %q: the data of installed copies lives under fr.cabinet.sesame", appID)
	}
	if id := tomlValue("ID"); id != appID {
		t.Errorf("FyneApp.toml's ID %q differs from main.go's %q: the packaged app and a go run would use two data folders", id, appID)
	}
}
