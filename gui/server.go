package gui

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// Preferences choosing the backend. The server's address is kept; a token never is.
const (
	prefMode      = "backend.mode"      // modeLocal or modeServer
	prefServerURL = "backend.serverURL" // normalised by service.NormalizeServerURL
)

// The backends a user chooses between in the settings.
const (
	modeLocal  = "local"  // "Ce poste": the embedded store
	modeServer = "server" // "Serveur du cabinet"
)

// backendMode is the backend the preferences choose; local unless set otherwise.
func backendMode(p fyne.Preferences) string {
	if p.String(prefMode) == modeServer {
		return modeServer
	}
	return modeLocal
}

// startServer prepares the session with the firm's server and resumes the last
// sign-in from the keychain; without one (or if the server refuses it) it shows the
// sign-in screen.
func (u *ui) startServer(serverURL string) {
	if u.backends.NewSession == nil {
		u.showFatal(service.Errorf(service.EINTERNAL, service.MsgUnexpected, nil))
		return
	}
	sess, err := u.backends.NewSession(u.backend.ctx, serverURL)
	if err != nil {
		u.showFatal(err) // an address edited by hand: "Paramètres" fixes it
		return
	}
	if fp := pinnedFor(u.app.Preferences(), sess.Server()); fp != "" {
		sess.PinCertificate(fp)
	}
	u.backend.startSession(sess)
	bar := u.showOpening(lang.L("ui.connexion_serveur_cabinet"))
	var l loaded
	u.run.run("restore session", nil, func(ctx context.Context) error {
		if err := sess.Restore(ctx); err != nil {
			return err
		}
		return l.load(ctx, sess.Portal())
	}, func(err error) {
		bar.Stop()
		if err != nil {
			logError("restore session", err)
			if service.ErrorMessage(err) == service.MsgKeychainUnavailable {
				// Nothing to resume: say nothing yet, the user has done nothing. The
				// keychain's failure is told once they have signed in.
				err = nil
			}
			u.showSignIn(err, nil)
			return
		}
		u.signedIn(l, nil)
	})
}

// showSignIn shows the sign-in screen; why says why (nil: a first sign-in). Once
// signed in, resume (if set) shows again the screen the user was on.
func (u *ui) showSignIn(why error, resume func()) {
	s := newSignInScreen(u.win, u.backend, u.run, u.app.Clipboard(), signInNav{
		openURL: func(raw string) error { return u.openURL(raw) },
		signedIn: func(l loaded) {
			u.win.RequestFocus()
			u.win.Show()
			u.signedIn(l, resume)
		},
		retry:    u.start,
		settings: u.openSettings,
		trust:    u.trustCertificate,
		useAddr:  u.useAnnouncedAddress,
	}, why)
	u.signInScreen = s
	u.show(lang.L("ui.sesame_connexion"), s.content)
	widgets.Relayout(s.content) // wrapped sentences set before the screen had a width
	u.win.Canvas().SetOnTypedKey(u.withHelpKey(s.onTypedKey))
}

// signInAgain shows the sign-in screen, saying why (the session expired, or was
// closed), after a session ended, and comes back to the screen the user was on once
// they have signed in again.
func (u *ui) signInAgain(why error) {
	title, content := u.win.Title(), u.win.Content()
	u.showSignIn(why, func() { u.show(title, content) })
}

// signedIn shows the profile of a new sign-in, or, after signing in again because a
// session had ended, the screen the user was on (resume), with what they had typed,
// if the same administrator came back.
func (u *ui) signedIn(l loaded, resume func()) {
	prev := u.backend.profile
	same := prev.Login != "" && prev.Login == l.profile.Login && prev.SICCode == l.profile.SICCode
	u.backend.use(l)
	u.signInScreen = nil
	if same && resume != nil {
		resume()
		return
	}
	u.catalogueScreen, u.keysScreen = nil, nil
	u.showProfile()
	if u.moveAfterSignIn() {
		return
	}
	u.reopenLastKeys()
}

// checkKeychain tells the user, once per session, that the keychain failed: the
// session works but will not survive a restart, and nothing was written in plain.
func (u *ui) checkKeychain() {
	b := u.backend
	if b.session == nil {
		return
	}
	err := b.session.KeychainError()
	if err == nil || b.warned {
		return
	}
	b.warned = true
	logError("keychain", err)
	code := service.ErrorMessage(err)
	if code == service.MsgUnexpected {
		code = service.MsgKeychainUnavailable
	}
	u.showMessage(lang.L("ui.trousseau_systeme"), msg.T(code, nil))
}

// openInBrowser shows a page in the system browser.
func (u *ui) openInBrowser(raw string) error {
	target, err := url.Parse(raw)
	if err != nil {
		return err
	}
	return u.app.OpenURL(target)
}

// signOut asks for confirmation, then ends the session.
func (u *ui) signOut(busy func(bool)) {
	if u.backend.session == nil {
		return
	}
	u.confirmSignOut = widgets.NewConfirmDialog(u.win, lang.L("ui.deconnecter"),
		widgets.Wrapped(lang.L("ui.deconnecter_serveur_cabinet_faudra_reconnecter")),
		lang.L("ui.deconnecter"), lang.L("ui.annuler"), widget.HighImportance, func(ok bool) {
			if ok {
				u.endSession(busy)
			}
		})
	u.confirmSignOut.Show()
}

// endSession ends the session: revoked at the server, deleted from the keychain; back
// to the sign-in screen. If the server could not be told, the user is told.
func (u *ui) endSession(busy func(bool)) {
	sess := u.backend.session
	if sess == nil {
		return
	}
	u.run.run("sign out", busy, func(ctx context.Context) error {
		return sess.SignOut(ctx)
	}, func(err error) {
		u.backend.signOut()
		u.forgetScreens()
		u.showSignIn(nil, nil)
		if err != nil {
			logError("sign out", err)
			u.showMessage(lang.L("ui.deconnecter"), lang.L("ui.etes_deconnecte_poste_mais_deconnexion")+"\n"+message(err))
		}
	})
}
