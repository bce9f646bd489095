// Package gui is Sésame's desktop interface, written with Fyne: the firm profile form of
// the first start, the sign-in screen of server mode, the profile, the service
// catalogue, the keys window of a service, the one-time dialog that shows a new key's
// credentials, the journal, the settings, and the user guide (F1). It talks to the rest of Sésame only through
// service.Portal (and service.ServerSession), whichever store or server is behind it.
//
// # Structure
//
// Three packages: gui (the screens), gui/widgets (the reusable widgets and layouts:
// button, entry, dialogs, table cell and badge, tooltip, usage chart, progress line,
// columns; they know nothing of keys and take their texts), and gui/keytext (what
// the keys page says as text, drawing nothing: status, life, count, expiry window,
// criteria summary; table-tested).
//
// The shell (ui, app.go) owns the window, the backend and the runner, and navigates;
// every screen is built with only what it needs, as in Jacalz/rymdport's internal/ui:
//
//   - backend (backend.go) holds what the app works on: the Portal, the server
//     session, the profile and the catalogue. Screens read it when they act; it
//     changes only through its methods (use, setProfile, startSession, signOut,
//     release), so the app swaps it in one place.
//   - runner (runner.go) runs work off the UI goroutine in the backend's context and
//     shows the result on it (run); fail shows an error the way the app does.
//   - navigation is callbacks: a screen receives the funcs that lead elsewhere (back,
//     openKeys, a profileNav or signInNav struct) and never reaches for the shell.
//   - sub-dialogs take what they show and return values or call callbacks (the
//     settings' onApply, the one-time dialog's onClosed).
//   - a screen with several parts gives each its own struct and widgets: the keys
//     page (keys.go) is the criteria form (criteria.go, onApply), the key table
//     (keytable.go and its widths, count and life columns) and the generation form
//     (generate.go, onGenerated); the screen wires them and holds their dialogs.
//
// To add a screen: write newXScreen(w, b *backend, r *runner, callbacks...) in a file
// of its own, a struct holding its widgets (tests reach them as fields) and a content
// object; add a showX method in navigation.go that builds it, keeps it in a field of
// ui, and calls u.show(title, content); pass u.showX as a callback to the screens
// that lead to it; forget it in forgetScreens. Every sentence goes through lang.L
// with its message code (« ui.generer »), whose French and English are in
// assets/messages (service/msg's tests check every package); domain sentences are
// the codes of service/messages.go, shown with service.ErrorText. The user guide is Markdown embedded from help/, aide.fr.md and
// help.en.md, kept in step by TestHelpGuidesHaveTheSameSections: a new screen gets
// its paragraph in both. Work shows on the screen's activity line (widgets.Activity),
// which moves nothing when it starts; text fields are the app's entry
// (widgets.Entry), which hands F1 to the window.
package gui
