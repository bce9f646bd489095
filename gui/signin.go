package gui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// signInScreen asks the administrator to sign in to the firm's server with their
// passeport, in the system browser. While the browser is out, it says so and offers
// "Annuler".
type signInScreen struct {
	backend  *backend
	run      *runner
	nav      signInNav
	clip     fyne.Clipboard
	server   *widget.Label
	status   *widget.Label // why signing in is needed, or what went wrong
	signIn   *widgets.Button
	retry    *widgets.Button // shown when the server could not be reached at start
	settings *widgets.Button
	waiting  *fyne.Container // a sentence, "Annuler", the address
	bar      *widgets.Activity
	cancel   *widgets.Button
	copyURL  *widgets.Button // for a browser that did not open: its address to paste
	reopen   *widgets.Button // "Rouvrir la page de connexion": for a tab closed too early
	manual   *widget.Label
	timeLeft *widget.Label // how long the app still waits for the browser
	cert     *certPanel    // what to do about a refused certificate or address
	authURL  string
	deadline time.Time          // when the app stops waiting for the browser
	now      func() time.Time   // the clock; tests set it
	stop     context.CancelFunc // ends the sign-in under way
	tickStop chan struct{}      // ends the time left's updates
	content  fyne.CanvasObject
}

// signInNav are where the sign-in screen leads.
type signInNav struct {
	openURL  func(string) error // shows the login page in the system browser
	signedIn func(loaded)       // the administrator is signed in: what the Portal said
	retry    func()             // starts the app again on the server
	settings func()
	trust    func(fp string)   // pins the server's certificate, then starts again
	useAddr  func(addr string) // switches to the address the server announces
}

// newSignInScreen builds the sign-in screen; why says why (nil: a first sign-in).
func newSignInScreen(w fyne.Window, b *backend, r *runner, clip fyne.Clipboard, nav signInNav, why error) *signInScreen {
	s := &signInScreen{backend: b, run: r, nav: nav, clip: clip, now: time.Now,
		server: widget.NewLabel(""), status: widgets.Wrapped(""), bar: widgets.NewActivity(),
		timeLeft: widget.NewLabel(""), cert: newCertPanel(w, nav.trust, nav.useAddr)}
	if b.session != nil {
		s.server.SetText(b.session.Server())
	}
	s.signIn = widgets.NewButton(lang.L("ui.connecter_avec_passeport"), theme.LoginIcon(), s.onSignIn)
	s.signIn.Importance = widget.HighImportance
	s.retry = widgets.NewButton(lang.L("ui.reessayer"), theme.ViewRefreshIcon(), nav.retry)
	s.settings = widgets.NewButton(lang.L("ui.parametres"), theme.SettingsIcon(), nav.settings)
	s.settings.Importance = widget.LowImportance
	s.cancel = widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), s.onCancel)
	s.copyURL = widgets.NewButton(lang.L("ui.copier_adresse"), theme.ContentCopyIcon(), s.onCopyURL)
	s.copyURL.Importance = widget.LowImportance
	s.reopen = widgets.NewButton(lang.L("ui.rouvrir_page_connexion"), theme.ComputerIcon(), s.onReopen)
	s.reopen.Importance = widget.LowImportance
	s.manual = widgets.Wrapped(lang.L("ui.navigateur_ouvert_copiez_adresse_page"))
	s.manual.Importance = widget.MediumImportance
	s.waiting = container.NewVBox(
		widgets.Wrapped(lang.L("ui.attente_connexion_navigateur")),
		container.NewHBox(s.cancel, s.timeLeft), s.manual, container.NewHBox(s.reopen, s.copyURL))
	s.setStatus(why)
	s.retry.Hidden = why == nil || service.ErrorCode(why) == service.EUNAUTHORIZED
	s.busy(false)

	intro := widgets.Wrapped(lang.L("ui.sesame_travaille_serveur_cabinet_navigateur"))
	passeport := widgets.Muted(lang.L("ui.passeport_identifiant_mot_passe_compte"))
	where := widget.NewForm(widget.NewFormItem(lang.L("ui.serveur"), s.server))
	box := container.NewVBox(widgets.Heading(lang.L("ui.connexion_serveur_cabinet_2")), intro, passeport, where, s.status, s.cert.box,
		container.NewHBox(s.signIn, s.retry), s.bar.Object(), s.waiting, widget.NewSeparator(), container.NewHBox(s.settings))
	s.content = widgets.TopCentered(container.NewVBox(widgets.HSpace(560), box))
	return s
}

// setStatus shows why signing in is needed, or in red what went wrong.
func (s *signInScreen) setStatus(err error) {
	if err == nil {
		s.status.Importance = widget.MediumImportance
		s.status.SetText(lang.L("ui.connectez_avec_passeport_acceder_serveur"))
		s.cert.show(nil, "")
		widgets.Relayout(s.status)
		return
	}
	s.cert.show(err, s.server.Text)
	s.status.Importance = widget.DangerImportance
	if service.ErrorCode(err) == service.EUNAUTHORIZED {
		s.status.Importance = widget.MediumImportance
	}
	s.status.SetText(message(err))
	widgets.Relayout(s.status)
}

// onTypedKey makes Enter sign in and Escape cancel the wait.
func (s *signInScreen) onTypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		s.onSignIn()
	case fyne.KeyEscape:
		s.onCancel()
	}
}

// onSignIn opens the server's login page in the browser and waits for the
// administrator; then Sésame comes to the front on the profile.
func (s *signInScreen) onSignIn() {
	sess := s.backend.session
	if s.stop != nil || sess == nil {
		return // already waiting
	}
	ctx, stop := context.WithCancel(s.backend.ctx)
	s.stop = stop
	var l loaded
	s.run.run("sign in", s.busy, func(context.Context) error {
		defer stop()
		if err := sess.SignIn(ctx, s.openBrowser); err != nil {
			return err
		}
		return l.load(ctx, sess.Portal())
	}, func(err error) {
		s.stop = nil
		if err != nil {
			logError("sign in", err)
			s.setStatus(err)
			return
		}
		s.nav.signedIn(l)
	})
}

// openBrowser shows the login page in the system browser. If that fails, the wait
// goes on: the user can copy the address into a browser themselves.
func (s *signInScreen) openBrowser(authURL string) error {
	err := s.nav.openURL(authURL)
	s.run.do(func() {
		s.authURL = authURL
		s.deadline = s.now().Add(service.SignInWait)
		s.tick()
		s.reopen.Enable()
		if err != nil {
			logError("open browser", err)
			s.manual.Importance = widget.WarningImportance
			s.manual.SetText(lang.L("ui.navigateur_ouvert_copiez_adresse_page"))
		} else {
			s.manual.Importance = widget.MediumImportance
			s.manual.SetText(lang.L("ui.page_connexion_ouverte_navigateur"))
		}
	})
	return nil
}

// onReopen shows the login page again, for a tab closed before signing in.
func (s *signInScreen) onReopen() {
	if s.authURL == "" {
		return
	}
	if err := s.nav.openURL(s.authURL); err != nil {
		logError("open browser", err)
		s.manual.Importance = widget.WarningImportance
		s.manual.Refresh()
	}
}

// tick shows the time the app still waits for the browser, in minutes and seconds.
func (s *signInScreen) tick() {
	if s.deadline.IsZero() {
		s.timeLeft.SetText("")
		return
	}
	left := max(s.deadline.Sub(s.now()).Round(time.Second), 0)
	s.timeLeft.SetText(lang.L("ui.temps_restant_time", map[string]any{"Time": fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)}))
}

// ticking updates the time left every second until the wait ends.
func (s *signInScreen) ticking(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			s.run.do(s.tick)
		}
	}
}

// onCopyURL puts the login page's address on the clipboard.
func (s *signInScreen) onCopyURL() {
	if s.authURL == "" {
		return
	}
	s.clip.SetContent(s.authURL)
	s.copyURL.SetText(lang.L("ui.adresse_copiee"))
}

// onCancel stops waiting for the browser; the screen stays, ready to start again.
func (s *signInScreen) onCancel() {
	if s.stop != nil {
		s.stop()
	}
}

// busy shows the wait for the browser, and disables what cannot be done meanwhile.
func (s *signInScreen) busy(on bool) {
	if on {
		s.authURL = ""
		s.deadline = time.Time{}
		s.tick()
		s.reopen.Disable()
		s.setStatus(nil) // the previous attempt's outcome no longer applies
		s.tickStop = make(chan struct{})
		go s.ticking(s.tickStop)
		s.copyURL.SetText(lang.L("ui.copier_adresse"))
		s.manual.Importance = widget.MediumImportance
		s.signIn.Disable()
		s.retry.Hide()
		s.settings.Disable()
		s.waiting.Show()
		s.bar.Start()
	} else {
		if s.tickStop != nil {
			close(s.tickStop)
			s.tickStop = nil
		}
		s.signIn.Enable()
		s.settings.Enable()
		s.waiting.Hide()
		s.bar.Stop()
	}
	widgets.Relayout(s.waiting)
}
