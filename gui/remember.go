package gui

import (
	"fyne.io/fyne/v2"
)

// Preferences the app keeps between runs: the window's size and the last keys page.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefLastService  = "keys.lastService" // catalogue ID of the last keys page shown
)

// savedWindowSize is the size the window had when the app last closed, or the
// default size the first time.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w, h := p.Float(prefWindowWidth), p.Float(prefWindowHeight)
	if w < 320 || h < 240 {
		return defaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// saveWindowSize keeps the window's size for the next run.
func saveWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width >= 320 && s.Height >= 240 {
		p.SetFloat(prefWindowWidth, float64(s.Width))
		p.SetFloat(prefWindowHeight, float64(s.Height))
	}
}

// reopenLastKeys shows the keys page the user was on when the app last closed, if its
// service still accepts keys; it reports whether it did.
func (u *ui) reopenLastKeys() bool {
	id := u.app.Preferences().String(prefLastService)
	if id == "" {
		return false
	}
	e, ok := u.backend.catalogue.Entry(id)
	if !ok || !e.AcceptsKeys {
		return false
	}
	u.showKeys(e)
	return true
}
