package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyDialog is a modal dialog that the keyboard drives as on a desktop: Enter runs
// its default action, Escape its cancel, wherever the focus is in it (a focused
// button takes them too); the window's own key handler comes back once it closes.
// Its buttons are the app's (with a focus ring), the default one last and primary.
type keyDialog struct {
	*dialog.CustomDialog
	win           fyne.Window
	enter, escape func()
	prev          func(*fyne.KeyEvent)
	shown         bool
	width         float32 // the width it takes when the window allows
}

// newKeyDialog builds a dialog over w; enter and escape may be nil (then Enter, or
// Escape, does nothing). Call Show.
func newKeyDialog(w fyne.Window, title string, content fyne.CanvasObject, buttons []*button, enter, escape func()) *keyDialog {
	d := &keyDialog{win: w, enter: enter, escape: escape, width: 480}
	// Room for the title, the buttons and the dialog's padding.
	const chrome = 140
	d.CustomDialog = dialog.NewCustomWithoutButtons(title, scrollWithin(content, func() float32 {
		return w.Canvas().Size().Height - chrome
	}), w)
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		if b.escape == nil {
			b.escape = d.onEscape
		}
		objs[i] = b
	}
	d.SetButtons(objs)
	d.SetOnClosed(d.restoreKeys)
	return d
}

// newMessageDialog is a sentence with one OK button; Enter and Escape close it.
func newMessageDialog(w fyne.Window, title, text string, ok string) *keyDialog {
	var d *keyDialog
	b := newButton(ok, nil, func() { d.Hide() })
	b.Importance = widget.HighImportance
	d = newKeyDialog(w, title, wrapped(text), []*button{b}, func() { d.Hide() }, func() { d.Hide() })
	return d
}

// newConfirmDialog asks a question: no (cancel, Escape) and yes (default, Enter);
// answer gets the choice once the dialog has closed.
func newConfirmDialog(w fyne.Window, title string, content fyne.CanvasObject, yes, no string, yesImportance widget.Importance, answer func(bool)) *keyDialog {
	var d *keyDialog
	reply := func(ok bool) func() {
		return func() {
			d.Hide()
			answer(ok)
		}
	}
	noB := newButton(no, theme.CancelIcon(), reply(false))
	yesB := newButton(yes, theme.ConfirmIcon(), reply(true))
	yesB.Importance = yesImportance
	d = newKeyDialog(w, title, content, []*button{noB, yesB}, reply(true), reply(false))
	return d
}

// Show shows the dialog, sized to fit the window, and takes the keyboard.
func (d *keyDialog) Show() {
	if !d.shown {
		d.shown = true
		c := d.win.Canvas()
		c.Unfocus() // keys typed now reach the dialog, not a field behind it
		d.prev = c.OnTypedKey()
		c.SetOnTypedKey(d.onKey)
	}
	d.fit()
	d.CustomDialog.Show()
}

// fit gives the dialog a readable width that never exceeds the window's; twice, as
// text that wraps is only as tall as the width it was laid out at tells.
func (d *keyDialog) fit() {
	for range 3 {
		d.Resize(fitDialog(d.win, d.MinSize(), d.width))
	}
}

// fitDialog is a dialog size of the preferred width, at least min, within the window.
func fitDialog(w fyne.Window, min fyne.Size, preferred float32) fyne.Size {
	width := fyne.Max(min.Width, preferred)
	if avail := w.Canvas().Size().Width - 2*theme.Padding(); avail > 0 && width > avail {
		width = fyne.Max(avail, min.Width)
	}
	return fyne.NewSize(width, min.Height)
}

func (d *keyDialog) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if d.enter != nil {
			d.enter()
		}
	case fyne.KeyEscape:
		d.onEscape()
	case fyne.KeyF1: // the guide, as without the dialog
		if d.prev != nil {
			d.prev(ev)
		}
	}
}

func (d *keyDialog) onEscape() {
	if d.escape != nil {
		d.escape()
	}
}

// restoreKeys gives the keyboard back to the window once the dialog has closed.
func (d *keyDialog) restoreKeys() {
	if d.shown {
		d.shown = false
		d.win.Canvas().SetOnTypedKey(d.prev)
	}
}

// scrollWithin shows content whole when it fits in maxHeight, and in a vertical
// scroll of that height when it does not (a short window).
func scrollWithin(content fyne.CanvasObject, maxHeight func() float32) fyne.CanvasObject {
	return container.New(&cappedHeight{content: content, max: maxHeight}, container.NewVScroll(content))
}

// cappedHeight gives its one object the content's minimum size, no taller than max.
type cappedHeight struct {
	content fyne.CanvasObject
	max     func() float32
}

// Layout implements fyne.Layout.
func (l *cappedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize implements fyne.Layout.
func (l *cappedHeight) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.content.MinSize()
	if limit := l.max(); limit > 0 && m.Height > limit {
		m.Height = limit
	}
	return m
}
