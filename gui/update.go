package gui

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/desktopupdate"
	"sesame/service/msg"
)

// prefUpdateChecked is when the firm's server last answered whether a new build of
// the app is published (RFC 3339); the server is asked again a day later.
const prefUpdateChecked = "update.checked"

// updates is what the app needs to update itself from the firm's server: whether
// this system installs the builds, and the installer's hooks (tests replace the
// system's).
type updates struct {
	running    func() string // this build's version
	canInstall bool
	perMachine bool // installed for every user of the computer: IT updates it
	verify     func(path string) error
	start      func(path string) error
	// askingIn is the backend epoch in which a check or a download is under way, -1
	// for none: a task of a backend let go since (its result never shown) blocks
	// nothing.
	askingIn int
	notice   *widgets.Dialog // « Une nouvelle version… », while shown
	progress *widget.ProgressBar
}

// newUpdates is the system's for a: Windows installs the MSI, other systems are told
// to ask IT.
func newUpdates(a fyne.App) *updates {
	return &updates{canInstall: desktopupdate.CanInstall, perMachine: desktopupdate.InstalledPerMachine(), running: func() string { return a.Metadata().Version }, askingIn: -1}
}

// updater is the Updater for the server signed in to, nil in local mode.
func (u *ui) updater() *desktopupdate.Updater {
	src, ok := u.backend.portal.(service.DesktopUpdates)
	if !ok || u.backend.session == nil {
		return nil
	}
	return &desktopupdate.Updater{Source: src, Running: u.updates.running(),
		Dir: filepath.Join(u.app.Storage().RootURI().Path(), "updates"), Verify: u.updates.verify, Start: u.updates.start}
}

// checkForUpdate asks the firm's server, in the background, whether it publishes a
// newer build, when it was not asked for a day; a newer one is offered. A server
// that cannot answer is asked again at the next start: nothing is said.
func (u *ui) checkForUpdate() {
	up := u.updater()
	if up == nil || u.updates.askingIn == u.backend.epoch {
		return
	}
	prefs := u.app.Preferences()
	last, _ := time.Parse(time.RFC3339, prefs.String(prefUpdateChecked))
	now := clock()
	if !desktopupdate.Due(last, now) {
		return
	}
	u.updates.askingIn = u.backend.epoch
	var rel service.DesktopRelease
	var newer bool
	u.run.run("update check", nil, func(ctx context.Context) (err error) {
		rel, newer, err = up.Check(ctx)
		return err
	}, func(err error) {
		u.updates.askingIn = -1
		if err != nil {
			slog.Info("update check failed", "err", err)
			return
		}
		prefs.SetString(prefUpdateChecked, now.Format(time.RFC3339))
		if newer {
			u.offerUpdate(up, rel)
		}
	})
}

// updateTick is how often an app left open looks whether a day has passed since the
// server was last asked (checkForUpdate asks only then).
const updateTick = time.Hour

// keepCheckingForUpdates asks again, through checkForUpdate, while the app stays
// open, until ctx ends (the app quits); not while a dialog is shown (the one-time
// secret's, say): the next tick asks.
func (u *ui) keepCheckingForUpdates(ctx context.Context) {
	t := time.NewTicker(updateTick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() {
				if u.win.Canvas().Overlays().Top() == nil {
					u.checkForUpdate()
				}
			})
		}
	}
}

// offerUpdate says a new build is published, with its version: « Installer » (on
// Windows, installed per user) downloads it with its progress and starts its
// installer; elsewhere, and for a per-machine install, the user is told to ask IT.
func (u *ui) offerUpdate(up *desktopupdate.Updater, rel service.DesktopRelease) {
	text := msg.T("update.available", msg.Params{"Version": rel.Version, "Running": up.Running})
	later := widgets.NewButton(lang.L("ui.plus_tard"), nil, nil)
	var d *widgets.Dialog
	laterAction := func() { d.Hide(); u.updates.notice = nil }
	later.OnTapped = laterAction
	buttons := []*widgets.Button{later}
	enter := laterAction
	if u.updates.perMachine {
		text += "\n\n" + msg.T(desktopupdate.MsgPerMachine, msg.Params{"Version": rel.Version})
	} else if u.updates.canInstall {
		installAction := func() { d.Hide(); u.updates.notice = nil; u.downloadUpdate(up, rel) }
		install := widgets.NewButton(lang.L("update.install"), nil, installAction)
		install.Importance = widget.HighImportance
		buttons, enter = append(buttons, install), installAction
	} else {
		text += "\n\n" + msg.T(desktopupdate.MsgWindowsOnly, nil)
	}
	d = widgets.NewDialog(u.win, lang.L("update.title"), widgets.Wrapped(text), buttons, enter, laterAction)
	u.updates.notice = d
	d.Show()
}

// downloadUpdate downloads the build with its progress, then starts its installer.
// A download cut short or altered runs nothing and is said; the next start asks the
// server again.
func (u *ui) downloadUpdate(up *desktopupdate.Updater, rel service.DesktopRelease) {
	bar := widget.NewProgressBar()
	bar.Max = float64(rel.Size)
	u.updates.progress = bar
	label := widget.NewLabel(msg.T("update.downloading", msg.Params{"Version": rel.Version}))
	d := widgets.NewMessageDialogWith(u.win, lang.L("update.title"), container.NewVBox(label, bar), lang.L("ui.fermer"))
	d.Show()
	u.updates.askingIn = u.backend.epoch
	var path string
	u.run.run("update download", nil, func(ctx context.Context) (err error) {
		shown := time.Time{}
		path, err = up.Download(ctx, rel, func(done, total int64) {
			if now := time.Now(); now.Sub(shown) >= 100*time.Millisecond || done == total {
				shown = now
				u.run.do(func() { bar.SetValue(float64(done)) })
			}
		})
		if err != nil {
			return err
		}
		return up.Install(path)
	}, func(err error) {
		u.updates.askingIn = -1
		d.Hide()
		if err != nil {
			u.app.Preferences().SetString(prefUpdateChecked, "") // asked again at the next start
			u.showError("update", err)
			return
		}
		u.showMessage(lang.L("update.title"), msg.T("update.started", msg.Params{"Version": rel.Version}))
	})
}
