package widgets

import (
	"runtime"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Dialog is a modal dialog that the keyboard drives as on a desktop: Enter runs
// its default action, Escape its cancel, wherever the focus is in it (a focused
// Button takes them too); the window's own key handler comes back once it closes.
// Its buttons are the app's (with a focus ring), the default one last and primary.
type Dialog struct {
	*dialog.CustomDialog
	Window        fyne.Window
	Enter, escape func()
	prev          func(*fyne.KeyEvent)
	shown         bool
	Width         float32   // the width it takes when the window allows
	Buttons       []*Button // as shown, left to right
}

// buttonOrderOS is the system whose order of dialog buttons is followed.
var buttonOrderOS = runtime.GOOS

// inSystemOrder returns buttons (given dismiss first, act last) in goos's order:
// reversed on Windows.
func inSystemOrder(goos string, buttons []*Button) []*Button {
	out := slices.Clone(buttons)
	if goos == "windows" {
		slices.Reverse(out)
	}
	return out
}

// NewDialog builds a dialog over w; enter and escape may be nil (then Enter, or
// Escape, does nothing). buttons come as macOS and GNOME order them, the one that
// dismisses first and the one that acts last; on Windows they are shown the other
// way round, as Windows orders them (OK, then Cancel). Call Show.
func NewDialog(w fyne.Window, title string, content fyne.CanvasObject, buttons []*Button, enter, escape func()) *Dialog {
	d := &Dialog{Window: w, Enter: enter, escape: escape, Width: 480}
	// Room for the title, the buttons and the dialog's padding.
	const chrome = 140
	d.CustomDialog = dialog.NewCustomWithoutButtons(title, ScrollWithin(content, func() float32 {
		return w.Canvas().Size().Height - chrome
	}), w)
	d.Buttons = inSystemOrder(buttonOrderOS, buttons)
	objs := make([]fyne.CanvasObject, len(d.Buttons))
	for i, b := range d.Buttons {
		if b.Escape == nil {
			b.Escape = d.Escape
		}
		objs[i] = b
	}
	d.SetButtons(objs)
	d.SetOnClosed(d.restoreKeys)
	return d
}

// NewMessageDialog is a sentence with one OK button; Enter and Escape close it.
func NewMessageDialog(w fyne.Window, title, text string, ok string) *Dialog {
	var d *Dialog
	b := NewButton(ok, nil, func() { d.Hide() })
	b.Importance = widget.HighImportance
	d = NewDialog(w, title, Wrapped(text), []*Button{b}, func() { d.Hide() }, func() { d.Hide() })
	return d
}

// NewConfirmDialog asks a question: no (cancel, Escape) and yes (default, Enter),
// unless yes is dangerous (DangerImportance: irreversible), when Enter answers no
// too; answer gets the choice once the dialog has closed.
func NewConfirmDialog(w fyne.Window, title string, content fyne.CanvasObject, yes, no string, yesImportance widget.Importance, answer func(bool)) *Dialog {
	var d *Dialog
	reply := func(ok bool) func() {
		return func() {
			d.Hide()
			answer(ok)
		}
	}
	noB := NewButton(no, theme.CancelIcon(), reply(false))
	yesB := NewButton(yes, theme.ConfirmIcon(), reply(true))
	yesB.Importance = yesImportance
	enter := reply(true)
	if yesImportance == widget.DangerImportance {
		enter = reply(false) // an irreversible action is never the default
	}
	d = NewDialog(w, title, content, []*Button{noB, yesB}, enter, reply(false))
	return d
}

// Show shows the dialog, sized to fit the window, and takes the keyboard.
func (d *Dialog) Show() {
	if !d.shown {
		d.shown = true
		c := d.Window.Canvas()
		c.Unfocus() // keys typed now reach the dialog, not a field behind it
		d.prev = c.OnTypedKey()
		c.SetOnTypedKey(d.onKey)
	}
	d.fit()
	d.CustomDialog.Show()
}

// Refit lays the dialog out again once its content changed (a sentence appeared, a
// list filled), when it is shown: it grows, or shrinks, and stays in the middle of
// the window. Unlike Show, it does not open a dialog the user has closed since.
func (d *Dialog) Refit() {
	if d.shown {
		d.fit()
	}
}

// fit gives the dialog a readable width that never exceeds the window's; twice, as
// Text that wraps is only as tall as the width it was laid out at tells. Then it
// centres it again: Fyne places a dialog once, when first shown, and one that grew
// since would hang below the window.
func (d *Dialog) fit() {
	for range 3 {
		d.Resize(FitDialog(d.Window, d.MinSize(), d.Width))
	}
	recentre(d.Window.Canvas())
}

// recentre lays the canvas's overlays out again, which puts each dialog in the
// middle of the window at its current size; pop-ups shown at a position (menus,
// tooltips) keep theirs.
func recentre(c fyne.Canvas) {
	for _, o := range c.Overlays().List() {
		o.Refresh()
	}
}

// FitDialog is a dialog size of the preferred width, at least min, within the window.
func FitDialog(w fyne.Window, min fyne.Size, preferred float32) fyne.Size {
	width := fyne.Max(min.Width, preferred)
	if avail := w.Canvas().Size().Width - 2*theme.Padding(); avail > 0 && width > avail {
		width = fyne.Max(avail, min.Width)
	}
	return fyne.NewSize(width, min.Height)
}

func (d *Dialog) onKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if d.Enter != nil {
			d.Enter()
		}
	case fyne.KeyEscape:
		d.Escape()
	case fyne.KeyF1: // the guide, as without the dialog
		if d.prev != nil {
			d.prev(ev)
		}
	}
}

// Escape runs the dialog's cancel, as the Escape key does.
func (d *Dialog) Escape() {
	if d.escape != nil {
		d.escape()
	}
}

// restoreKeys gives the keyboard back to the window once the dialog has closed.
func (d *Dialog) restoreKeys() {
	if d.shown {
		d.shown = false
		d.Window.Canvas().SetOnTypedKey(d.prev)
	}
}

// ScrollWithin shows content whole when it fits in maxHeight, and in a vertical
// scroll of that height when it does not (a short window), clear of its scroll bar.
func ScrollWithin(content fyne.CanvasObject, maxHeight func() float32) fyne.CanvasObject {
	return container.New(&cappedHeight{content: content, max: maxHeight}, newVScrollClearOfBar(content))
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
		layoutAgain(o) // the room kept for the scroll bar, which the content's size may not tell
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

// NewMessageDialogWith is newMessageDialog around any content.
func NewMessageDialogWith(w fyne.Window, title string, content fyne.CanvasObject, ok string) *Dialog {
	var d *Dialog
	b := NewButton(ok, nil, func() { d.Hide() })
	b.Importance = widget.HighImportance
	d = NewDialog(w, title, content, []*Button{b}, func() { d.Hide() }, func() { d.Hide() })
	return d
}
