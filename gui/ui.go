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

// Run sets up the language, shows Sésame's main window on a, opens the Portal with open
// and blocks until the app quits; it then closes the Portal if it is an io.Closer.
func Run(a fyne.App, open OpenFunc) {
	if err := setUpLanguage(); err != nil {
		slog.Warn("translations", "err", err)
	}
	w := a.NewWindow(lang.L("Sésame"))
	w.Resize(fyne.NewSize(980, 720))
	w.SetMaster()
	u := newUI(a, w, open)
	u.start()
	w.ShowAndRun()
	u.shutdown()
}

// ui is the app's state: the window, the Portal once open, what it answered last, and
// the screen on show (each a field, so that tests reach their widgets).
type ui struct {
	app  fyne.App
	win  fyne.Window
	open OpenFunc
	quit func()

	ctx    context.Context
	cancel context.CancelFunc
	tasks  sync.WaitGroup
	do     func(func()) // runs a function on the UI goroutine: fyne.Do

	portal    service.Portal
	profile   service.Profile
	catalogue service.Catalogue
	guard     *clipboardGuard

	setup    *setupScreen
	prof     *profileScreen
	cat      *catalogueScreen
	keys     *keysScreen
	gen      *generatedDialog
	settings *settingsDialog
}

func newUI(a fyne.App, w fyne.Window, open OpenFunc) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{app: a, win: w, open: open, quit: a.Quit, ctx: ctx, cancel: cancel, do: fyne.Do}
	u.guard = newClipboardGuard(a.Clipboard(), func() time.Duration { return clipboardDelay(a.Preferences()) })
	u.guard.do = func(f func()) { u.do(f) }
	w.SetOnClosed(u.guard.clearNow)
	return u
}

// start shows a progress bar while the Portal opens, then the first screen.
func (u *ui) start() {
	closePortal(u.portal) // a retry: let go of what an earlier attempt opened
	u.portal = nil
	bar := widget.NewProgressBarInfinite()
	u.win.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabel(lang.L("Ouverture des données de Sésame…")), bar)))
	var p service.Portal
	var prof service.Profile
	var cat service.Catalogue
	u.background("open", nil, func(ctx context.Context) error {
		opened, err := u.open(ctx)
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

// wait blocks until every background task has finished; tests use it.
func (u *ui) wait() { u.tasks.Wait() }

// shutdown cancels what runs, waits for it, and closes the Portal.
func (u *ui) shutdown() {
	u.cancel()
	u.wait()
	closePortal(u.portal)
	u.portal = nil
}

// closePortal closes p if it holds resources (the local store's file).
func closePortal(p service.Portal) {
	if c, ok := p.(io.Closer); ok && c != nil {
		if err := c.Close(); err != nil {
			slog.Error("close portal", "err", err)
		}
	}
}

// show puts a screen in the window under a title.
func (u *ui) show(title string, content fyne.CanvasObject) {
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
