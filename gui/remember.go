package gui

import (
	"fyne.io/fyne/v2"
)

// Preferences the app keeps between runs: the window's size and state, and the last
// keys page.
const (
	prefWindowWidth     = "window.width"
	prefWindowHeight    = "window.height"
	prefWindowMaximised = "window.maximised" // the window was maximised when the app closed (Windows)
	prefLastService     = "keys.lastService" // catalogue ID of the last keys page shown
)

// windowState is what the app keeps of its window: the size of its content when it is
// not maximised (in Fyne units), and whether it was maximised.
type windowState struct {
	size      fyne.Size
	maximised bool
}

// savedWindowState is the window's state when the app last closed, or the default
// size, not maximised, the first time.
func savedWindowState(p fyne.Preferences) windowState {
	return windowState{size: savedWindowSize(p), maximised: p.Bool(prefWindowMaximised)}
}

// saveWindowState keeps the window's state for the next run, in one change of the
// preferences when they allow it: Fyne writes the file at once on a first change but
// only 100 ms later for the changes that follow it, and an app that is closing may
// end before that (under Wine, the width alone was kept at times).
func saveWindowState(p fyne.Preferences, s windowState) {
	if s.size.Width < 320 || s.size.Height < 240 {
		p.SetBool(prefWindowMaximised, s.maximised)
		return
	}
	if batch, ok := p.(interface{ WriteValues(func(map[string]any)) }); ok {
		batch.WriteValues(func(v map[string]any) {
			v[prefWindowWidth] = float64(s.size.Width)
			v[prefWindowHeight] = float64(s.size.Height)
			v[prefWindowMaximised] = s.maximised
		})
		return
	}
	saveWindowSize(p, s.size)
	p.SetBool(prefWindowMaximised, s.maximised)
}

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
