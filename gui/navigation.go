package gui

import (
	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// The navigation between screens: each builds its screen with what it needs, and
// hands it the callbacks that lead elsewhere.

func (u *ui) showSetup() {
	u.setupScreen = newSetupScreen(u.backend, u.run, u.onFirmSetUp, u.openSettings)
	u.show(lang.L("ui.sesame_profil_cabinet"), u.setupScreen.content)
	u.win.Canvas().Focus(u.setupScreen.sic)
}

// onFirmSetUp opens the profile of the firm just set up.
func (u *ui) onFirmSetUp(p service.Profile) {
	u.backend.setProfile(p)
	u.setupScreen = nil
	u.showProfile()
}

func (u *ui) showProfile() {
	u.profileScreen = newProfileScreen(u.backend, u.run, profileNav{
		catalogue: u.showCatalogue,
		journal:   u.showJournal,
		health:    u.showHealth,
		settings:  u.openSettings,
		signOut:   u.signOut,
		expiring: func(ks []service.Key) {
			showExpiringList(u.win, u.backend.profile, u.backend.catalogue, ks).Show()
		},
		notify: func(ks []service.Key) { notifyExpiring(u.app, ks) },
	})
	u.show(lang.L("ui.sesame_profil"), u.profileScreen.content)
	u.checkForUpdate()
}

func (u *ui) showCatalogue() {
	u.app.Preferences().SetString(prefLastService, "") // back from the keys page: not reopened
	if u.catalogueScreen == nil {
		u.catalogueScreen = newCatalogueScreen(u.backend, u.showProfile, u.showKeys)
	}
	u.show(appTitle(lang.L("ui.catalogue_services")), u.catalogueScreen.content)
}

func (u *ui) showKeys(e service.CatalogueEntry) { u.showKeysWith(e, nil) }

// showKeysWith opens the keys page of the service e on the criteria f, or on its
// initial ones when f is nil.
func (u *ui) showKeysWith(e service.CatalogueEntry, f *service.KeyFilter) {
	u.app.Preferences().SetString(prefLastService, e.ID)
	u.keysScreen = newKeysScreen(u.win, u.backend, u.run, u.guard, u.showCatalogue, e)
	if f != nil {
		u.keysScreen.applyCriteria(*f)
	}
	u.show(appTitle(u.keysScreen.windowTitle()), u.keysScreen.content)
	u.keysScreen.table.load(true)
}

// showHealth opens « Santé des clés » on the service of the keys page last shown
// (the first that accepts keys otherwise) and counts its lines; its back button
// returns to the profile, and each count opens the keys page on its criteria.
func (u *ui) showHealth() {
	svc := ""
	if u.keysScreen != nil {
		svc = u.keysScreen.criteria.applied.Service
	}
	u.healthScreen = newHealthScreen(u.backend, u.run, svc, u.showProfile, func(e service.CatalogueEntry, f service.KeyFilter) {
		u.showKeysWith(e, &f)
	})
	u.show(appTitle(lang.L("ui.sante_cles")), u.healthScreen.content)
	u.healthScreen.load()
}

// showJournal opens the audit journal on its newest events; its back button returns
// to the keys page it was opened from, as it was, or to the profile.
func (u *ui) showJournal() {
	back, backText := u.showProfile, lang.L("ui.retour_profil")
	if ks := u.keysScreen; u.onKeysPage() {
		back, backText = func() { u.show(appTitle(ks.windowTitle()), ks.content) }, lang.L("ui.retour_liste_cles_api")
	}
	u.journalScreen = newJournalScreen(u.win, u.backend, u.run, backText, back)
	u.journalScreen.files = u.files
	u.show(lang.L("ui.sesame_journal"), u.journalScreen.content)
	u.journalScreen.load(true)
}

// openSettings opens the settings over the screen on show.
func (u *ui) openSettings() { u.showSettings(nil) }

// appTitle is a window title that names the app first, as the taskbar and Alt+Tab
// show it: « Sésame — Catalogue de services ».
func appTitle(page string) string { return lang.L("ui.sesame_page", map[string]any{"Page": page}) }
