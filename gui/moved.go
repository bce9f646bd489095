package gui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
)

// movedScreen is what local mode shows once this computer's keys were moved to the
// firm's server: the note saying where they went, instead of the old keys (the file
// is kept read-only and never opened again as the app's store).
type movedScreen struct {
	useServer *widgets.Button
	settings  *widgets.Button
	note      *widget.Label
	content   *container.Scroll
}

// newMovedScreen builds the screen for note; useServer switches to the server.
func newMovedScreen(note service.MovedNote, useServer, openSettings func()) *movedScreen {
	s := &movedScreen{note: widgets.Wrapped(movedText(note))}
	s.useServer = widgets.NewButton(lang.L("ui.move_utiliser_serveur"), nil, useServer)
	s.useServer.Importance = widget.HighImportance
	s.settings = widgets.NewButton(lang.L("ui.parametres"), theme.SettingsIcon(), openSettings)
	box := container.NewVBox(widgets.Heading(lang.L("ui.move_poste_deplace")), s.note, keptPath(note),
		container.NewHBox(s.useServer, s.settings))
	s.content = container.NewVScroll(widgets.TopCentered(container.NewVBox(widgets.HSpace(560), box)))
	return s
}

// movedText says where the keys went; keptPath follows it with where the old file
// is kept.
func movedText(note service.MovedNote) string {
	return lang.N("ui.move_note", int(note.Keys), map[string]any{
		"Keys": note.Keys, "Server": note.Server, "Date": note.At.Local().Format(localdate.Current().DateTimeLayout()),
		"Seq": note.Head.Seq,
	})
}

// keptPath is the old file's path, broken after a folder's separator when long.
func keptPath(note service.MovedNote) fyne.CanvasObject {
	sep := byte('/')
	if runtime.GOOS == "windows" {
		sep = '\\'
	}
	l := widget.NewLabel(pathLines(shownPath(runtime.GOOS, note.Kept), sep, aboutPathWidth))
	l.Wrapping = fyne.TextWrapBreak // a name longer than a line
	return l
}

// movedNote is the note shown once the move is done: where the keys went, and where
// the old file is kept.
func movedNote(note service.MovedNote) fyne.CanvasObject {
	return container.NewVBox(widgets.Wrapped(movedText(note)), keptPath(note))
}

// showMoved shows the note of a moved file in local mode.
func (u *ui) showMoved(note service.MovedNote) {
	u.movedScreen = newMovedScreen(note, func() {
		prefs := u.app.Preferences()
		prefs.SetString(prefServerURL, note.Server)
		prefs.SetString(prefMode, modeServer)
		u.start()
	}, u.openSettings)
	u.show(lang.L("ui.sesame"), u.movedScreen.content)
	widgets.Relayout(u.movedScreen.content)
	u.win.Canvas().SetOnTypedKey(u.withHelpKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
			u.movedScreen.useServer.OnTapped()
		}
	}))
}
