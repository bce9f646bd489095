package gui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// closeIntercepts are what each window's close button does instead of closing it, as
// set through setCloseIntercept: a dialog showing a secret once asks first. Fyne keeps
// a window's intercept to itself; the app needs it for « Quitter » (requestClose).
var closeIntercepts = struct {
	sync.Mutex
	of map[fyne.Window]func()
}{of: map[fyne.Window]func(){}}

// setCloseIntercept sets what w's close button, « Quitter » and its shortcut do
// instead of closing w; nil closes it again.
func setCloseIntercept(w fyne.Window, f func()) {
	closeIntercepts.Lock()
	if f == nil {
		delete(closeIntercepts.of, w)
	} else {
		closeIntercepts.of[w] = f
	}
	closeIntercepts.Unlock()
	w.SetCloseIntercept(f)
}

// requestClose does what w's close button does: its intercept if one is set, else it
// closes w, which runs w's OnClosed (the clipboard cleared, the window's size kept)
// and, for the main window, quits the app. Fyne's App.Quit ends the app without
// closing its windows: no OnClosed, and no question while a secret is shown.
func requestClose(w fyne.Window) {
	closeIntercepts.Lock()
	f := closeIntercepts.of[w]
	closeIntercepts.Unlock()
	if f != nil {
		f()
		return
	}
	w.Close()
}
