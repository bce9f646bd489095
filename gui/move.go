package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// prefMovePending is set while « Passer au serveur du cabinet » waits for the
// administrator to sign in to the server: once signed in, the dry run follows.
const prefMovePending = "move.pending"

// moveStart is the first step of « Passer au serveur du cabinet » (Paramètres, local
// mode): what will move, and which server. Continuing switches the app to that
// server's sign-in (the same screen as any sign-in: browser, certificate); the dry run
// and the move follow once signed in (moveDialog).
type moveStart struct {
	prefs     fyne.Preferences
	serverURL *widgets.Entry
	urlErr    *widget.Label
	next      *widgets.Button
	dlg       *widgets.Dialog
	onSignIn  func() // the choice is saved: open the server's sign-in
}

// newMoveStart builds the first step over w.
func newMoveStart(w fyne.Window, prefs fyne.Preferences, onSignIn func()) *moveStart {
	m := &moveStart{prefs: prefs, serverURL: widgets.NewEntry(), urlErr: widgets.FieldError(), onSignIn: onSignIn}
	m.serverURL.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "https://sesame.cabinet.fr"}))
	m.serverURL.SetText(prefs.String(prefServerURL))
	m.serverURL.OnChanged = func(string) { setFieldError(m.urlErr, nil) }
	m.serverURL.OnSubmitted = func(string) { m.onNext() }
	cancel := widgets.NewButton(lang.L("ui.annuler"), nil, func() { m.dlg.Hide() })
	m.next = widgets.NewButton(lang.L("ui.move_se_connecter"), nil, m.onNext)
	m.next.Importance = widget.HighImportance
	content := container.NewVBox(
		widgets.Wrapped(lang.L("ui.move_intro")),
		widgets.Wrapped(lang.L("ui.move_what")),
		widget.NewForm(widget.NewFormItem(lang.L("ui.adresse_serveur"), container.NewVBox(m.serverURL, widgets.NewErrorLines(m.urlErr, 2)))),
		widgets.Wrapped(lang.L("ui.move_steps")),
	)
	m.dlg = widgets.NewDialog(w, lang.L("ui.move_title"), content, []*widgets.Button{cancel, m.next}, m.onNext, func() { m.dlg.Hide() })
	m.dlg.Width = 600
	m.serverURL.Escape, m.next.Escape = m.dlg.Escape, m.dlg.Escape
	return m
}

// onNext checks the address, saves it with server mode and the pending move, and
// opens the server's sign-in.
func (m *moveStart) onNext() {
	norm, err := service.NormalizeServerURL(m.serverURL.Text)
	if err != nil {
		setFieldError(m.urlErr, err)
		return
	}
	m.prefs.SetString(prefServerURL, norm)
	m.prefs.SetString(prefMode, modeServer)
	m.prefs.SetBool(prefMovePending, true)
	m.dlg.Hide()
	m.onSignIn()
}

// showMoveStart opens the first step of the move (local mode only).
func (u *ui) showMoveStart() {
	u.moveStart = newMoveStart(u.win, u.app.Preferences(), u.start)
	u.moveStart.dlg.Show()
	u.win.Canvas().Focus(u.moveStart.serverURL)
}
