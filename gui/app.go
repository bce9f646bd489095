package gui

import (
	"context"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// OpenFunc opens the Portal the app works with, e.g. the local store in the app's
// storage folder. It is called off the UI goroutine.
type OpenFunc func(ctx context.Context) (service.Portal, error)

// SessionFunc prepares a session with the firm's server at serverURL; ctx lives as
// long as the app works with that server (it ends when the user switches backend or
// quits). It makes no network call.
type SessionFunc func(ctx context.Context, serverURL string) (service.ServerSession, error)

// Backends are what the app can work on: the embedded store ("Ce poste") and the
// firm's server ("Serveur du cabinet"). The settings choose one.
type Backends struct {
	OpenLocal  OpenFunc
	NewSession SessionFunc
	// Local is the local store's file, which « Passer au serveur du cabinet » sends
	// to the server and then keeps read-only; nil: the app offers no move.
	Local service.LocalFile
}

// Run sets up the language, shows Sésame's main window on a, opens the backend the
// preferences choose and blocks until the app quits; it then closes what it opened.
func Run(a fyne.App, b Backends) {
	if err := setUpLanguage(); err != nil {
		slog.Warn("translations", "err", err)
	}
	w := a.NewWindow(lang.L("ui.sesame"))
	state := savedWindowState(a.Preferences())
	w.Resize(state.size)
	w.SetMaster()
	// Once shown (the window exists only then): fitted to its screen, maximised again.
	a.Lifecycle().SetOnStarted(func() { restoreWindowState(w, state) })
	u := newUI(a, w, b)
	ended := make(chan struct{})
	defer close(ended)
	u.afterClose = func() { go exitIfStuck(time.After(closeToExit), ended, os.Exit) }
	u.start()
	w.ShowAndRun()
	quitWithin(u.shutdown, time.After(shutdownGrace))
}

// ui is the app's shell: the window, the backend it works on, the runner of
// background work, and the navigation between screens. Each screen is built with
// only what it needs from here (see doc.go); the shell keeps the one on show (a
// field, so that tests reach its widgets).
type ui struct {
	app      fyne.App
	win      fyne.Window
	backends Backends
	quit     func()             // « Quitter »: what the window's close button does (requestClose)
	openURL  func(string) error // shows a page in the system browser
	// afterClose, if set, runs once the window has closed: Run's watch that the
	// process ends (exitIfStuck).
	afterClose func()

	ctx     context.Context // the app's: ends at shutdown
	cancel  context.CancelFunc
	backend *backend
	run     *runner
	guard   *clipboardGuard
	updates *updates // the app's own updates from the firm's server
	// bar is the window's menu bar as the keyboard drives it (F10, Alt+letter):
	// nil for the desktop driver's own, which tests, whose canvas draws none, replace.
	bar menuBar
	// The access key pressed last and its turn, among the menus that share it.
	lastLetter fyne.KeyName
	letterTurn int
	files      *files // the save and folder dialogs

	setupScreen     *setupScreen
	signInScreen    *signInScreen
	profileScreen   *profileScreen
	catalogueScreen *catalogueScreen
	keysScreen      *keysScreen
	journalScreen   *journalScreen
	healthScreen    *healthScreen
	scan            *scanDialog // « Rechercher des secrets exposés », while open
	settings        *settingsDialog
	notify          *notifyDialog   // « Notifications… », once opened
	moveStart       *moveStart      // « Passer au serveur du cabinet », its first step, while open
	move            *moveDialog     // its dry run and move, while open
	movedScreen     *movedScreen    // local mode, once this computer's keys were moved
	help            *helpWindow     // the user guide, while open
	confirmSignOut  *widgets.Dialog // "Se déconnecter ?", while shown
}

func newUI(a fyne.App, w fyne.Window, b Backends) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{app: a, win: w, backends: b, quit: func() { requestClose(w) }, ctx: ctx, cancel: cancel}
	a.Settings().SetTheme(newSesameTheme())
	u.backend = newBackend(ctx)
	u.run = &runner{backend: u.backend, do: fyne.Do}
	u.run.after = u.checkKeychain
	u.run.onFail = u.showError
	u.openURL = u.openInBrowser
	u.updates = newUpdates(a)
	u.files = newFiles(a, w, u.showError)
	go u.keepCheckingForUpdates(ctx)
	u.guard = newClipboardGuard(a.Clipboard(), func() time.Duration { return clipboardDelay(a.Preferences()) })
	u.guard.do = func(f func()) { u.run.do(f) }
	w.SetOnClosed(func() {
		if u.afterClose != nil {
			u.afterClose() // first: the watch covers what follows too
		}
		u.guard.clearNow()
		saveWindowState(a.Preferences(), currentWindowState(w))
	})
	menu := u.mainMenu()
	w.SetMainMenu(menu)
	u.addMenuLetters(menu)
	return u
}

// start opens the backend the preferences choose, after letting go of the one in use
// (a retry, or a switch in the settings): the local store, or the firm's server.
func (u *ui) start() {
	u.closeBackend()
	if backendMode(u.app.Preferences()) == modeServer {
		u.startServer(u.app.Preferences().String(prefServerURL))
		return
	}
	u.startLocal()
}

// startLocal shows the progress line while the local Portal opens, then the first screen.
func (u *ui) startLocal() {
	if u.backends.Local != nil {
		if note, ok := u.backends.Local.Moved(); ok {
			u.showMoved(note)
			return
		}
	}
	bar := u.showOpening(lang.L("ui.ouverture_donnees_sesame"))
	var l loaded
	u.run.run("open", nil, func(ctx context.Context) error {
		p, err := u.backends.OpenLocal(ctx)
		if err != nil {
			return err
		}
		return l.load(ctx, p)
	}, func(err error) {
		bar.Stop()
		switch {
		case err == nil:
			u.backend.use(l)
			u.showProfile()
			u.reopenLastKeys()
		case service.ErrorCode(err) == service.ENOPROFILE && l.portal != nil:
			u.backend.use(l)
			u.showSetup()
		default:
			closePortal(l.portal)
			u.showFatal(err)
		}
	})
}

// showOpening shows a sentence over the moving progress line while the backend opens.
func (u *ui) showOpening(text string) *widgets.Activity {
	bar := widgets.NewActivity()
	bar.Start()
	u.show(lang.L("ui.sesame"), container.NewCenter(container.NewVBox(widget.NewLabel(text), bar.Object())))
	return bar
}

// wait blocks until every background task has finished; tests use it.
func (u *ui) wait() { u.run.wait() }

// shutdown cancels what runs, waits for it, and closes the Portal.
func (u *ui) shutdown() {
	u.cancel()
	u.wait()
	closePortal(u.backend.portal)
	u.backend.portal = nil
}

// closeBackend lets go of the backend in use and forgets its screens.
func (u *ui) closeBackend() {
	u.backend.release()
	u.forgetScreens()
}

// forgetScreens drops the screens built for the backend that was in use.
func (u *ui) forgetScreens() {
	u.setupScreen, u.signInScreen, u.profileScreen, u.catalogueScreen, u.keysScreen = nil, nil, nil, nil, nil
	u.journalScreen, u.movedScreen = nil, nil
}

// show puts a screen in the window under a title; keys typed outside a field open the
// guide (F1), or go to the screen's own handler if it sets one after, through
// withHelpKey.
func (u *ui) show(title string, content fyne.CanvasObject) {
	u.win.Canvas().SetOnTypedKey(u.withHelpKey(nil))
	u.win.SetTitle(title)
	u.win.SetContent(content)
}

// defaultWindowSize fits a 1366×768 screen at 125 % scaling with its taskbar.
var defaultWindowSize = fyne.NewSize(1000, 540)
