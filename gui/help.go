package gui

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
)

// The user guide ships inside the app, in French and in English, so that it opens
// without a network and says what this version does.
//
//go:embed help/aide.fr.md help/help.en.md
var helpFiles embed.FS

// helpMarkdown is the guide in the app's language.
func helpMarkdown() string {
	name := "help/aide.fr.md"
	if speaksEnglish() {
		name = "help/help.en.md"
	}
	b, err := helpFiles.ReadFile(name)
	if err != nil { // embedded: cannot happen once built
		return err.Error()
	}
	return string(b)
}

// helpSize is the guide window's first size: readable lines, and it fits beside the
// app on a 1366×768 screen.
var helpSize = fyne.NewSize(640, 560)

// helpWindow is the user guide ("Aide en ligne", F1) in a window of its own, so that
// it can stay open beside the app; Escape or Fermer closes it.
type helpWindow struct {
	win   fyne.Window
	text  *widget.RichText
	close *widgets.Button
}

func newHelpWindow(a fyne.App, onClosed func()) *helpWindow {
	h := &helpWindow{win: a.NewWindow(lang.L("ui.sesame_aide")), text: widget.NewRichTextFromMarkdown(helpMarkdown())}
	h.text.Wrapping = fyne.TextWrapWord
	h.close = widgets.NewButton(lang.L("ui.fermer"), nil, h.win.Close)
	h.close.Escape = h.win.Close
	h.win.SetContent(container.NewBorder(nil,
		container.NewPadded(container.NewHBox(layout.NewSpacer(), h.close)), nil, nil,
		container.NewVScroll(container.NewPadded(h.text))))
	h.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			h.win.Close()
		}
	})
	h.win.SetOnClosed(onClosed)
	h.win.Resize(helpSize)
	return h
}

// showHelp opens the guide, or brings it to the front if it is open.
func (u *ui) showHelp() {
	if u.help == nil {
		u.help = newHelpWindow(u.app, func() { u.help = nil })
	}
	u.help.win.Show()
	u.help.win.RequestFocus()
}

// withHelpKey is a window key handler that opens the guide on F1, reads the page
// again on F5, opens the menu bar on F10, and hands the other keys to next (nil for
// none).
func (u *ui) withHelpKey(next func(*fyne.KeyEvent)) func(*fyne.KeyEvent) {
	return func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyF1:
			u.showHelp()
			return
		case fyne.KeyF5:
			u.onRefresh()
			return
		case fyne.KeyF10:
			u.onMenuKey()
			return
		}
		if next != nil {
			next(ev)
		}
	}
}
