package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// shortcut is a key with Ctrl (Cmd on macOS).
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// mainMenu is the window's menu bar. Its items carry the keyboard shortcuts, which
// work wherever the focus is, in a field too: Ctrl+N (the new key's name), Ctrl+F
// (the name criterion), Ctrl+, (Paramètres), Ctrl+J (Affichage : Journal), F5
// (Affichage : Actualiser); Cmd on
// macOS.
func (u *ui) mainMenu() *fyne.MainMenu {
	newKey := fyne.NewMenuItem(lang.L("ui.nouvelle_cle_api"), u.onNewKey)
	newKey.Shortcut = shortcut(fyne.KeyN)
	find := fyne.NewMenuItem(lang.L("ui.rechercher_cle_nom"), u.onFind)
	find.Shortcut = shortcut(fyne.KeyF)
	settings := fyne.NewMenuItem(lang.L("ui.parametres_2"), u.onSettingsShortcut)
	settings.Shortcut = shortcut(fyne.KeyComma)
	quit := fyne.NewMenuItem(lang.L("ui.quitter"), func() { u.quit() })
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	scanItem := fyne.NewMenuItem(lang.L("ui.rechercher_secrets_exposes"), u.onScanMenu)
	file := fyne.NewMenu(lang.L("ui.fichier"), newKey, find, scanItem, fyne.NewMenuItemSeparator(), settings,
		fyne.NewMenuItemSeparator(), quit)
	journal := fyne.NewMenuItem(lang.L("ui.journal"), u.onJournalMenu)
	journal.Shortcut = shortcut(fyne.KeyJ)
	refresh := fyne.NewMenuItem(lang.L("ui.actualiser"), u.onRefresh)
	refresh.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF5} // as F1: withHelpKey handles it
	health := fyne.NewMenuItem(lang.L("ui.sante_cles"), u.onHealthMenu)
	view := fyne.NewMenu(lang.L("ui.affichage"), journal, health, refresh)
	guide := fyne.NewMenuItem(lang.L("ui.aide_ligne"), u.showHelp)
	// F1 alone: the menu shows it (and macOS's menu bar takes it); elsewhere Fyne
	// makes no shortcut of a key without modifier, and withHelpKey handles it.
	guide.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	help := fyne.NewMenu(lang.L("ui.aide"), guide, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("ui.propos_sesame"), u.showAbout))
	return fyne.NewMainMenu(file, view, help)
}

// onKeysPage reports whether the keys page is the screen on show.
func (u *ui) onKeysPage() bool {
	return u.keysScreen != nil && u.win.Content() == u.keysScreen.content
}

// onNewKey puts the cursor in the new key's name (Ctrl+N) on the keys page.
func (u *ui) onNewKey() {
	if u.onKeysPage() && u.win.Canvas().Overlays().Top() == nil {
		u.win.Canvas().Focus(u.keysScreen.gen.newName)
	}
}

// onFind unfolds the criteria and puts the cursor in the name criterion (Ctrl+F).
func (u *ui) onFind() {
	if u.onKeysPage() && u.win.Canvas().Overlays().Top() == nil {
		u.keysScreen.criteria.focusName()
	}
}

// onSettingsShortcut opens Paramètres (Ctrl+,) unless a dialog is in the way.
func (u *ui) onSettingsShortcut() {
	if u.win.Canvas().Overlays().Top() == nil {
		u.openSettings()
	}
}

// onJournalMenu opens the audit journal (Ctrl+J) once signed in, unless a dialog is in
// the way.
func (u *ui) onJournalMenu() {
	if u.backend.portal != nil && u.backend.profile.AdminName != "" && u.win.Canvas().Overlays().Top() == nil {
		u.showJournal()
	}
}

// onRefresh reads the keys page (its list and its expiry banner), the journal or
// « Santé des clés » again (F5), unless a dialog is in the way: what a server recorded since shows.
func (u *ui) onRefresh() {
	if u.win.Canvas().Overlays().Top() != nil {
		return
	}
	switch c := u.win.Content(); {
	case u.keysScreen != nil && c == u.keysScreen.content:
		u.keysScreen.refresh()
	case u.journalScreen != nil && c == u.journalScreen.content:
		u.journalScreen.load(true)
	case u.healthScreen != nil && c == u.healthScreen.content:
		u.healthScreen.load()
	}
}

// onScanMenu opens « Rechercher des secrets exposés » once signed in, unless a
// dialog is in the way.
func (u *ui) onScanMenu() {
	if u.backend.portal != nil && u.backend.profile.AdminName != "" && u.win.Canvas().Overlays().Top() == nil {
		u.showScan()
	}
}

// onHealthMenu opens « Santé des clés » once signed in, unless a dialog is in the way.
func (u *ui) onHealthMenu() {
	if u.backend.portal != nil && u.backend.profile.AdminName != "" && u.win.Canvas().Overlays().Top() == nil {
		u.showHealth()
	}
}
