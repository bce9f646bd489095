package gui

import (
	"context"
	"io"
	"log/slog"

	"sesame/service"
)

// backend is what the app works on: the Portal (local store or firm's server), the
// server session in server mode, and what the Portal answered last (profile,
// catalogue). The app holds one; screens read it when they act, so that a screen
// built before a new sign-in to the same firm works on the new Portal. It changes
// only through its methods, all here: use, setProfile, startSession, signOut, release.
type backend struct {
	portal    service.Portal
	session   service.ServerSession // server mode only
	profile   service.Profile
	catalogue service.Catalogue
	expiring  []service.Key // the keys expiring soon, as last read (expiring.go)
	expRead   bool          // whether expiring was read from this Portal

	// ctx lives as long as the app works on this backend; epoch tells background
	// work started for an earlier backend to show nothing.
	parent context.Context
	ctx    context.Context
	cancel context.CancelFunc
	epoch  int
	warned bool // the keychain's failure was shown for this session
}

func newBackend(parent context.Context) *backend {
	b := &backend{parent: parent}
	b.ctx, b.cancel = context.WithCancel(parent)
	return b
}

// loaded is what the app reads from a Portal before showing a screen.
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

// use makes the app work on what l read (a new sign-in, or the local store).
func (b *backend) use(l loaded) {
	b.portal, b.catalogue, b.profile = l.portal, l.catalogue, l.profile
	b.expiring, b.expRead = nil, false
}

// setProfile records the profile the Portal answered after a change (the firm set
// up, a tiers attached).
func (b *backend) setProfile(p service.Profile) { b.profile = p }

// setExpiring keeps the keys expiring soon the Portal answered last.
func (b *backend) setExpiring(ks []service.Key) { b.expiring, b.expRead = ks, true }

// startSession makes s the server session the app signs in to.
func (b *backend) startSession(s service.ServerSession) { b.session = s }

// signOut lets go of the signed-in Portal; the session stays, ready to sign in again.
func (b *backend) signOut() {
	closePortal(b.portal)
	b.portal, b.profile, b.catalogue = nil, service.Profile{}, service.Catalogue{}
}

// release lets go of the backend: its background work is cancelled and will show
// nothing, its Portal is closed (the local store's file), its session dropped (the
// refresh token stays in the keychain for the next time). A new context is ready for
// the next one.
func (b *backend) release() {
	b.cancel()
	b.epoch++
	closePortal(b.portal)
	b.portal, b.session, b.warned = nil, nil, false
	b.profile, b.catalogue = service.Profile{}, service.Catalogue{}
	b.ctx, b.cancel = context.WithCancel(b.parent)
}

// closePortal closes p if it holds resources (the local store's file).
func closePortal(p service.Portal) {
	if c, ok := p.(io.Closer); ok && c != nil {
		if err := c.Close(); err != nil {
			slog.Error("close portal", "err", err)
		}
	}
}
