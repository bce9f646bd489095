// Package gui is Sésame's desktop interface, written with Fyne: the firm profile form of
// the first start, the profile, the service catalogue, the keys window of a service and
// the dialog that shows a new key's credentials once. It talks to the rest of Sésame
// only through service.Portal, whichever store or server is behind it.
package gui

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

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
}

// Run sets up the language, shows Sésame's main window on a, opens the backend the
// preferences choose and blocks until the app quits; it then closes what it opened.
func Run(a fyne.App, b Backends) {
	if err := setUpLanguage(); err != nil {
		slog.Warn("translations", "err", err)
	}
	w := a.NewWindow(lang.L("Sésame"))
	w.Resize(fyne.NewSize(980, 720))
	w.SetMaster()
	u := newUI(a, w, b)
	u.start()
	w.ShowAndRun()
	u.shutdown()
}

// ui is the app's state: the window, the backend and its Portal once open, what it
// answered last, and the screen on show (each a field, so that tests reach their
// widgets).
type ui struct {
	app      fyne.App
	win      fyne.Window
	backends Backends
	quit     func()
	openURL  func(string) error // shows a page in the system browser

	ctx    context.Context // the app's: ends at shutdown
	cancel context.CancelFunc
	tasks  sync.WaitGroup
	do     func(func()) // runs a function on the UI goroutine: fyne.Do

	// The backend in use: its context (ended when the user switches), and a counter
	// that tells background work started for an earlier backend to show nothing.
	bctx    context.Context
	bcancel context.CancelFunc
	epoch   int
	session service.ServerSession // server mode only
	warned  bool                  // the keychain's failure was shown for this session

	portal    service.Portal
	profile   service.Profile
	catalogue service.Catalogue
	guard     *clipboardGuard

	setup    *setupScreen
	signin   *signInScreen
	prof     *profileScreen
	cat      *catalogueScreen
	keys     *keysScreen
	gen      *generatedDialog
	settings *settingsDialog
}

func newUI(a fyne.App, w fyne.Window, b Backends) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{app: a, win: w, backends: b, quit: a.Quit, ctx: ctx, cancel: cancel, do: fyne.Do}
	u.bctx, u.bcancel = context.WithCancel(ctx)
	u.openURL = u.openInBrowser
	u.guard = newClipboardGuard(a.Clipboard(), func() time.Duration { return clipboardDelay(a.Preferences()) })
	u.guard.do = func(f func()) { u.do(f) }
	w.SetOnClosed(u.guard.clearNow)
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

// startLocal shows a progress bar while the local Portal opens, then the first screen.
func (u *ui) startLocal() {
	bar := u.showOpening(lang.L("Ouverture des données de Sésame…"))
	var p service.Portal
	var prof service.Profile
	var cat service.Catalogue
	u.background("open", nil, func(ctx context.Context) error {
		opened, err := u.backends.OpenLocal(ctx)
		if err != nil {
			return err
		}
		p = opened
		if cat, err = p.Catalogue(ctx); err != nil {
			return err
		}
		prof, err = p.Profile(ctx)
		return err
	}, func(err error) {
		bar.Stop()
		switch {
		case err == nil:
			u.portal, u.catalogue, u.profile = p, cat, prof
			u.showProfile()
		case service.ErrorCode(err) == service.ENOPROFILE && p != nil:
			u.portal, u.catalogue = p, cat
			u.showSetup()
		default:
			closePortal(p)
			u.showFatal(err)
		}
	})
}

// showOpening shows a sentence over a running progress bar while the backend opens.
func (u *ui) showOpening(text string) *widget.ProgressBarInfinite {
	bar := widget.NewProgressBarInfinite()
	u.show(lang.L("Sésame"), container.NewCenter(container.NewVBox(widget.NewLabel(text), bar)))
	return bar
}

// wait blocks until every background task has finished; tests use it.
func (u *ui) wait() { u.tasks.Wait() }

// shutdown cancels what runs, waits for it, and closes the Portal.
func (u *ui) shutdown() {
	u.cancel()
	u.wait()
	closePortal(u.portal)
	u.portal = nil
}

// closeBackend lets go of the backend in use: its background work is cancelled and
// will show nothing, its Portal is closed (the local store's file), its session
// dropped (the refresh token stays in the keychain for the next time), its screens
// forgotten. A new backend context is ready for the next one.
func (u *ui) closeBackend() {
	u.bcancel()
	u.epoch++
	closePortal(u.portal)
	u.portal, u.session, u.warned = nil, nil, false
	u.profile, u.catalogue = service.Profile{}, service.Catalogue{}
	u.setup, u.signin, u.prof, u.cat, u.keys = nil, nil, nil, nil, nil
	u.bctx, u.bcancel = context.WithCancel(u.ctx)
}

// closePortal closes p if it holds resources (the local store's file).
func closePortal(p service.Portal) {
	if c, ok := p.(io.Closer); ok && c != nil {
		if err := c.Close(); err != nil {
			slog.Error("close portal", "err", err)
		}
	}
}

// show puts a screen in the window under a title; keys typed outside a field go to
// the screen's own handler, if it sets one after.
func (u *ui) show(title string, content fyne.CanvasObject) {
	u.win.Canvas().SetOnTypedKey(nil)
	u.win.SetTitle(title)
	u.win.SetContent(content)
}

func (u *ui) showSetup() {
	u.setup = newSetupScreen(u)
	u.show(lang.L("Sésame — Profil du cabinet"), u.setup.content)
	u.win.Canvas().Focus(u.setup.sic)
}

func (u *ui) showProfile() {
	u.prof = newProfileScreen(u)
	u.show(lang.L("Sésame — Profil"), u.prof.content)
}

func (u *ui) showCatalogue() {
	if u.cat == nil {
		u.cat = newCatalogueScreen(u)
	}
	u.show(lang.L("Catalogue de services"), u.cat.content)
}

func (u *ui) showKeys(e service.CatalogueEntry) {
	u.keys = newKeysScreen(u, e)
	u.show(u.keys.windowTitle(), u.keys.content)
	u.keys.table.load(true)
}
