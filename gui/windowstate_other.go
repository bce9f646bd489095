//go:build !windows

package gui

import "fyne.io/fyne/v2"

// currentWindowState is the window's content size as it closes. Outside Windows the
// app keeps no more, as before: Fyne has no maximise API; on Linux the window manager
// owns the window's state and place (the app may ask, the manager decides); a macOS
// build can only be made and tried on a Mac.
func currentWindowState(w fyne.Window) windowState {
	return windowState{size: w.Canvas().Size()}
}

// restoreWindowState does nothing outside Windows (see currentWindowState).
func restoreWindowState(fyne.Window, windowState) {}
