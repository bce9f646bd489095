package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// clipboardDelays are the choices of the "Paramètres" dialog, in seconds.
var clipboardDelays = []int{15, 30, 60, 120, 300}

// settingsDialog holds the app's preferences: where the app works ("Ce poste" or the
// firm's server, and its address) and how long a copied credential stays on the
// clipboard. The delay is saved as soon as it is chosen; a change of backend when
// "Appliquer" is pressed, which reopens the app on it.
type settingsDialog struct {
	prefs     fyne.Preferences
	reopen    func() // the backend chosen changed: reopen the app on it
	moveTo    func() // « Passer au serveur du cabinet »; nil: not offered
	move      *widgets.Button
	mode      *widget.RadioGroup
	serverURL *widgets.Entry
	urlErr    *widget.Label
	apply     *widgets.Button
	delay     *widget.Select
	dlg       *widgets.Dialog
	applied   bool
	pinCard   fyne.CanvasObject // the pinned certificate, if any
	notify    *widgets.Button   // « Notifications… »
}

// The mode choices as the dialog shows them.
func localLabel() string  { return lang.L("ui.poste") }
func serverLabel() string { return lang.L("ui.serveur_cabinet") }

// showSettings opens the settings; onCancel, if set, runs when the dialog closes
// without a change of backend.
func (u *ui) showSettings(onCancel func()) {
	s := newSettingsDialog(u.win, u.app.Preferences(), u.start)
	s.notify.OnTapped = func() { s.applied = true; s.dlg.Hide(); u.showNotifications() }
	if u.backends.Local != nil && backendMode(u.app.Preferences()) == modeLocal && u.movedScreen == nil {
		s.offerMove(u.showMoveStart)
	}
	u.settings = s
	s.dlg.SetOnClosed(func() {
		if !s.applied && onCancel != nil {
			onCancel()
		}
	})
	s.dlg.Show()
}

// newSettingsDialog builds the settings over w, on prefs; onApply runs once a new
// backend is chosen and saved.
func newSettingsDialog(w fyne.Window, prefs fyne.Preferences, onApply func()) *settingsDialog {
	s := &settingsDialog{prefs: prefs, reopen: onApply, serverURL: widgets.NewEntry(), urlErr: widgets.FieldError()}
	s.mode = widget.NewRadioGroup([]string{localLabel(), serverLabel()}, nil)
	s.mode.Required = true
	if backendMode(prefs) == modeServer {
		s.mode.SetSelected(serverLabel())
	} else {
		s.mode.SetSelected(localLabel())
	}
	s.serverURL.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "https://sesame.cabinet.fr"}))
	s.serverURL.SetText(prefs.String(prefServerURL))
	s.serverURL.Validator = validateServerURL
	s.serverURL.OnChanged = func(string) { setFieldError(s.urlErr, nil); s.refresh() }
	s.serverURL.OnSubmitted = func(string) { s.onApply() }
	s.mode.OnChanged = func(string) { setFieldError(s.urlErr, nil); s.refresh() }
	s.apply = widgets.NewButton(lang.L("ui.appliquer"), nil, s.onApply)
	s.apply.Importance = widget.HighImportance
	s.delay = newDelaySelect(prefs)
	s.refresh()

	where := widget.NewForm(
		widget.NewFormItem(lang.L("ui.mode"), s.mode),
		widget.NewFormItem(lang.L("ui.adresse_serveur"), container.NewVBox(s.serverURL, widgets.NewErrorLines(s.urlErr, 2))),
	)
	whereHelp := widgets.Wrapped(lang.L("ui.changer_mode_rouvre_sesame_donnees"))
	clip := widget.NewForm(widget.NewFormItem(lang.L("ui.effacer_presse_papiers_apres"), s.delay))
	clipHelp := widgets.Wrapped(lang.L("ui.identifiant_secret_copie_efface_presse"))
	s.move = widgets.NewButton(lang.L("ui.move_bouton"), nil, s.onMove)
	s.move.Hide()
	content := container.NewVBox(
		widget.NewCard("", lang.L("ui.sesame_travaille"), container.NewVBox(where, whereHelp, widgets.WrapRow(s.apply, s.move))),
		widget.NewCard("", lang.L("ui.presse_papiers"), container.NewVBox(clip, clipHelp)),
	)
	s.notify = widgets.NewButton(lang.L("ui.notifications_bouton"), nil, nil)
	content.Add(widget.NewCard("", lang.L("ui.notifications"), container.NewVBox(
		widgets.Wrapped(lang.L("ui.notif_settings_help")), widgets.WrapRow(s.notify))))
	if s.pinCard = newPinCard(prefs, s.onUnpinned); s.pinCard != nil {
		content.Add(s.pinCard)
	}
	closeBtn := widgets.NewButton(lang.L("ui.fermer"), nil, func() { s.dlg.Hide() })
	// Enter applies a new choice of backend, else closes; Escape closes.
	s.dlg = widgets.NewDialog(w, lang.L("ui.parametres"), content, []*widgets.Button{closeBtn}, s.onEnter, func() { s.dlg.Hide() })
	s.dlg.Width = 560
	s.serverURL.Escape, s.apply.Escape, s.move.Escape, s.notify.Escape = s.dlg.Escape, s.dlg.Escape, s.dlg.Escape, s.dlg.Escape
	return s
}

// offerMove shows « Passer au serveur du cabinet… », which closes the settings and
// opens the move's first step.
func (s *settingsDialog) offerMove(start func()) {
	s.moveTo = start
	s.move.Show()
}

// onMove closes the settings and starts the move.
func (s *settingsDialog) onMove() {
	s.applied = true // the move's own steps take over
	s.dlg.Hide()
	s.moveTo()
}

// onEnter applies the choice when it changed, else closes the dialog.
func (s *settingsDialog) onEnter() {
	if s.apply.Disabled() {
		s.dlg.Hide()
		return
	}
	s.onApply()
}

// validateServerURL is service.ValidateServerURL with the sentence the user reads.
func validateServerURL(raw string) error {
	if err := service.ValidateServerURL(raw); err != nil {
		return errors.New(message(err))
	}
	return nil
}

// chosen is the backend and address the dialog shows.
func (s *settingsDialog) chosen() (mode, serverURL string) {
	if s.mode.Selected == serverLabel() {
		return modeServer, s.serverURL.Text
	}
	return modeLocal, ""
}

// refresh enables the address for server mode, and "Appliquer" when the choice
// differs from the backend in use.
func (s *settingsDialog) refresh() {
	mode, raw := s.chosen()
	if mode == modeServer {
		s.serverURL.Enable()
	} else {
		s.serverURL.Disable()
	}
	prefs := s.prefs
	same := mode == backendMode(prefs)
	if mode == modeServer {
		norm, err := service.NormalizeServerURL(raw)
		same = same && err == nil && norm == prefs.String(prefServerURL)
	}
	if same {
		s.apply.Disable()
	} else {
		s.apply.Enable()
	}
}

// onApply checks the address, saves the choice and reopens the app on that backend.
// The local store's file is left as it is; a server's sign-in stays in the keychain.
func (s *settingsDialog) onApply() {
	mode, raw := s.chosen()
	prefs := s.prefs
	if mode == modeServer {
		norm, err := service.NormalizeServerURL(raw)
		if err != nil {
			setFieldError(s.urlErr, err)
			return
		}
		prefs.SetString(prefServerURL, norm)
	}
	prefs.SetString(prefMode, mode)
	prefs.SetBool(prefMovePending, false) // a backend chosen here: no move waits for it
	s.applied = true
	s.dlg.Hide()
	s.reopen()
}

// onUnpinned reopens the app once the pinned certificate is removed: the session in
// use trusted it.
func (s *settingsDialog) onUnpinned() {
	s.applied = true
	s.dlg.Hide()
	s.reopen()
}

// newDelaySelect is the choice of the clipboard delay, saved as soon as made.
func newDelaySelect(prefs fyne.Preferences) *widget.Select {
	opts := make([]string, len(clipboardDelays))
	for i, s := range clipboardDelays {
		opts[i] = delayLabel(s)
	}
	sel := widget.NewSelect(opts, nil)
	cur := int(clipboardDelay(prefs).Seconds())
	sel.SetSelected(delayLabel(cur))
	if sel.SelectedIndex() < 0 {
		sel.SetOptions(append(opts, delayLabel(cur)))
		sel.SetSelected(delayLabel(cur))
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && i < len(clipboardDelays) {
			prefs.SetInt(prefClipboardDelay, clipboardDelays[i])
		}
	}
	return sel
}

// delayLabel shows a delay in seconds as the select does.
func delayLabel(seconds int) string {
	if seconds%60 == 0 {
		return lang.L("ui.min_2", map[string]any{"N": seconds / 60})
	}
	return lang.L("ui.n_s", map[string]any{"N": fmt.Sprint(seconds)})
}
