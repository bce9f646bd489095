package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	signIn   *button
	retry    *button // shown when the server could not be reached at start
	settings *button
	waiting  *fyne.Container // a sentence, a progress bar, "Annuler", the address
	bar      *widget.ProgressBarInfinite
	cancel   *button
	copyURL  *button // for a browser that did not open: its address to paste
	manual   *widget.Label
	authURL  string
	stop     context.CancelFunc // ends the sign-in under way
	content  fyne.CanvasObject
}

// signInNav are where the sign-in screen leads.
type signInNav struct {
	openURL  func(string) error // shows the login page in the system browser
	signedIn func(loaded)       // the administrator is signed in: what the Portal said
	retry    func()             // starts the app again on the server
	settings func()
}

// newSignInScreen builds the sign-in screen; why says why (nil: a first sign-in).
func newSignInScreen(b *backend, r *runner, clip fyne.Clipboard, nav signInNav, why error) *signInScreen {
	s := &signInScreen{backend: b, run: r, nav: nav, clip: clip,
		server: widget.NewLabel(""), status: wrapped(""), bar: widget.NewProgressBarInfinite()}
	if b.session != nil {
		s.server.SetText(b.session.Server())
	}
	s.signIn = newButton(lang.L("Se connecter avec votre passeport"), theme.LoginIcon(), s.onSignIn)
	s.signIn.Importance = widget.HighImportance
	s.retry = newButton(lang.L("Réessayer"), theme.ViewRefreshIcon(), nav.retry)
	s.settings = newButton(lang.L("Paramètres"), theme.SettingsIcon(), nav.settings)
	s.settings.Importance = widget.LowImportance
	s.cancel = newButton(lang.L("Annuler"), theme.CancelIcon(), s.onCancel)
	s.copyURL = newButton(lang.L("Copier l'adresse"), theme.ContentCopyIcon(), s.onCopyURL)
	s.copyURL.Importance = widget.LowImportance
	s.manual = wrapped(lang.L("Votre navigateur ne s'est pas ouvert ? Copiez l'adresse de la page de connexion et collez-la dans votre navigateur."))
	s.manual.Importance = widget.MediumImportance
	s.waiting = container.NewVBox(
		wrapped(lang.L("En attente de la connexion dans votre navigateur…")),
		s.bar, container.NewHBox(s.cancel), s.manual, container.NewHBox(s.copyURL))
	s.setStatus(why)
	s.retry.Hidden = why == nil || service.ErrorCode(why) == service.EUNAUTHORIZED
	s.busy(false)

	intro := wrapped(lang.L("Sésame travaille sur le serveur du cabinet. Votre navigateur va s'ouvrir sur sa page de connexion ; revenez ensuite ici."))
	where := widget.NewForm(widget.NewFormItem(lang.L("Serveur"), s.server))
	box := container.NewVBox(heading(lang.L("Connexion au serveur du cabinet")), intro, where, s.status,
		container.NewHBox(s.signIn, s.retry), s.waiting, widget.NewSeparator(), container.NewHBox(s.settings))
	s.content = container.NewCenter(container.NewVBox(hspace(560), box))
	return s
}

// setStatus shows why signing in is needed, or in red what went wrong.
func (s *signInScreen) setStatus(err error) {
	if err == nil {
		s.status.Importance = widget.MediumImportance
		s.status.SetText(lang.L("Connectez-vous avec votre passeport pour accéder au serveur du cabinet."))
		return
	}
	s.status.Importance = widget.DangerImportance
	if service.ErrorCode(err) == service.EUNAUTHORIZED {
		s.status.Importance = widget.MediumImportance
	}
	s.status.SetText(message(err))
	relayout(s.status)
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
		if err != nil {
			logError("open browser", err)
			s.manual.Importance = widget.WarningImportance
			s.manual.Refresh()
		}
	})
	return nil
}

// onCopyURL puts the login page's address on the clipboard.
func (s *signInScreen) onCopyURL() {
	if s.authURL == "" {
		return
	}
	s.clip.SetContent(s.authURL)
	s.copyURL.SetText(lang.L("Adresse copiée"))
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
		s.copyURL.SetText(lang.L("Copier l'adresse"))
		s.manual.Importance = widget.MediumImportance
		s.signIn.Disable()
		s.retry.Hide()
		s.settings.Disable()
		s.waiting.Show()
		s.bar.Start()
	} else {
		s.signIn.Enable()
		s.settings.Enable()
		s.waiting.Hide()
		s.bar.Stop()
	}
	relayout(s.waiting)
}
