package gui

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"sesame/service"
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

// msgKeychainFallback explains a keychain failure that carries no sentence of its own.
const msgKeychainFallback = "Le trousseau du système n'est pas disponible : votre session fonctionne, mais vous devrez vous reconnecter au prochain démarrage. Rien n'a été enregistré en clair."

// startServer prepares the session with the firm's server and resumes the last
// sign-in from the keychain; without one (or if the server refuses it) it shows the
// sign-in screen.
func (u *ui) startServer(serverURL string) {
	if u.backends.NewSession == nil {
		u.showFatal(service.Errorf(service.EINTERNAL, service.MsgUnexpected, nil))
		return
	}
	sess, err := u.backends.NewSession(u.bctx, serverURL)
	if err != nil {
		u.showFatal(err) // an address edited by hand: "Paramètres" fixes it
		return
	}
	u.session = sess
	bar := u.showOpening(lang.L("Connexion au serveur du cabinet…"))
	var l loaded
	u.background("restore session", nil, func(ctx context.Context) error {
		if err := sess.Restore(ctx); err != nil {
			return err
		}
		return l.load(ctx, sess.Portal())
	}, func(err error) {
		bar.Stop()
		if err != nil {
			logError("restore session", err)
			u.showSignIn(err)
			return
		}
		u.signedIn(l)
	})
}

// loaded is what the app reads from a Portal before showing the profile.
type loaded struct {
	portal    service.Portal
	catalogue service.Catalogue
	profile   service.Profile
}

// load reads the catalogue and the profile through p.
func (l *loaded) load(ctx context.Context, p service.Portal) error {
	if p == nil {
		return service.Errorf(service.EUNAUTHORIZED, service.MsgUnauthorized, nil)
	}
	l.portal = p
	var err error
	if l.catalogue, err = p.Catalogue(ctx); err != nil {
		return err
	}
	l.profile, err = p.Profile(ctx)
	return err
}

// signedIn shows the profile of a new sign-in, or, after signing in again because a
// session had ended, the screen the user was on, with what they had typed, if the
// same administrator came back.
func (u *ui) signedIn(l loaded) {
	same := u.profile.Login != "" && u.profile.Login == l.profile.Login && u.profile.SICCode == l.profile.SICCode
	u.portal, u.catalogue, u.profile = l.portal, l.catalogue, l.profile
	if s := u.signin; same && s != nil && s.resume != nil {
		s.resume()
	} else {
		u.cat, u.keys = nil, nil
		u.showProfile()
	}
	u.signin = nil
}

// checkKeychain tells the user, once per session, that the keychain failed: the
// session works but will not survive a restart, and nothing was written in plain.
func (u *ui) checkKeychain() {
	if u.session == nil {
		return
	}
	err := u.session.KeychainError()
	if err == nil || u.warned {
		return
	}
	u.warned = true
	logError("keychain", err)
	msg := service.ErrorMessage(err)
	if msg == service.MsgUnexpected {
		msg = msgKeychainFallback
	}
	u.showMessage(lang.L("Trousseau du système"), lang.L(msg))
}

// openInBrowser shows a page in the system browser.
func (u *ui) openInBrowser(raw string) error {
	target, err := url.Parse(raw)
	if err != nil {
		return err
	}
	return u.app.OpenURL(target)
}

// signOut ends the session: revoked at the server, deleted from the keychain; back to
// the sign-in screen. If the server could not be told, the user is told.
func (u *ui) signOut(busy func(bool)) {
	sess := u.session
	if sess == nil {
		return
	}
	u.background("sign out", busy, func(ctx context.Context) error {
		return sess.SignOut(ctx)
	}, func(err error) {
		closePortal(u.portal)
		u.portal, u.profile, u.catalogue = nil, service.Profile{}, service.Catalogue{}
		u.prof, u.cat, u.keys = nil, nil, nil
		u.showSignIn(nil)
		if err != nil {
			logError("sign out", err)
			u.showMessage(lang.L("Se déconnecter"), lang.L("Vous êtes déconnecté sur ce poste, mais la déconnexion n'a pas pu être confirmée :")+"\n"+message(err))
		}
	})
}
