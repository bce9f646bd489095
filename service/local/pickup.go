package local

import (
	"context"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// Pickups answers the openings of pickup links (Portal.Handover) by whoever holds
// one: no administrator is signed in, so nothing here reads or writes beyond the
// link's own key.
type Pickups struct {
	st     store.Store
	sealer Sealer
	now    func() time.Time
}

// NewPickups returns the pickups of st's links, whose secrets sealer opens.
func NewPickups(st store.Store, sealer Sealer, now func() time.Time) *Pickups {
	if now == nil {
		now = time.Now
	}
	return &Pickups{st: st, sealer: sealer, now: now}
}

// PickupState is what a link's page shows.
type PickupState int

// The states of a pickup page.
const (
	// PickupOpen: the form asking for the code.
	PickupOpen PickupState = iota
	// PickupEnded: no such link, or one that expired, was replaced, or died of too
	// many wrong codes; the page reveals nothing about the key.
	PickupEnded
	// PickupReused: a link opened again after its pickup; its key is now suspended.
	PickupReused
	// PickupDone: the right code; the credentials are shown, this once.
	PickupDone
	// PickupShown: the link opened again from the address that picked it up, within
	// PickupRepeatGrace (a double click on the form's button, a reloaded page): the
	// credentials are not shown again, and the key stays active.
	PickupShown
)

// PickupRepeatGrace is how long after a pickup the same address may open its link
// again without its key being suspended: a browser that sent the form twice shows only
// the second answer, and the partner would otherwise lose the key they just received.
const PickupRepeatGrace = 2 * time.Minute

// PickupResult is the outcome of a code typed on a link's page.
type PickupResult struct {
	State       PickupState
	WrongCode   bool                // the code was wrong (the page stays PickupOpen, or PickupEnded when that was the last try)
	Credentials service.Credentials // PickupDone only
}

// Look is the opening of a link (GET): PickupReused, and the key suspended, when it
// was picked up already.
func (p *Pickups) Look(ctx context.Context, token, from string) (PickupState, error) {
	_, st, err := p.link(ctx, token, from)
	return st, err
}

// Try checks a typed code (POST): the right one picks the key up; a wrong one is
// counted, and the MaxHandoverFailures-th kills the link and suspends its key.
func (p *Pickups) Try(ctx context.Context, token, code, from string) (PickupResult, error) {
	h, st, err := p.link(ctx, token, from)
	if err != nil || st != PickupOpen {
		return PickupResult{State: st}, err
	}
	now := p.now()
	if !service.HandoverCodeMatches(token, code, h.CodeDigest) {
		k, err := p.st.KeyByID(ctx, h.KeyID)
		if err != nil {
			return PickupResult{}, err
		}
		ev := p.event(k.Key, service.AuditSuspend, from, now)
		ev.Detail = service.SuspendReasonHandoverCodes
		n, _, err := p.st.FailHandover(ctx, h.TokenDigest, service.MaxHandoverFailures,
			service.Suspension{At: now, Reason: service.SuspendReasonHandoverCodes}, ev)
		switch {
		case service.ErrorCode(err) == service.ECONFLICT:
			return PickupResult{State: PickupEnded, WrongCode: true}, nil
		case err != nil:
			return PickupResult{}, err
		case n >= service.MaxHandoverFailures:
			return PickupResult{State: PickupEnded, WrongCode: true}, nil
		}
		return PickupResult{State: PickupOpen, WrongCode: true}, nil
	}
	secret, err := p.sealer.Open(store.HandoverSecretLabel(h.KeyID), h.Sealed)
	if err != nil {
		return PickupResult{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	k, err := p.st.KeyByID(ctx, h.KeyID)
	if err != nil {
		return PickupResult{}, err
	}
	ev := p.event(k.Key, service.AuditPickedUp, from, now)
	nk, err := p.st.PickUpHandover(ctx, h.TokenDigest, now, from, ev)
	if service.ErrorCode(err) == service.ECONFLICT {
		// Used meanwhile by another opening: this one is a second opening. Or the
		// key may no longer be picked up (suspended since): the link is over.
		_, st, err := p.link(ctx, token, from)
		if st == PickupOpen {
			st = PickupEnded
		}
		return PickupResult{State: st}, err
	}
	if err != nil {
		return PickupResult{}, err
	}
	return PickupResult{State: PickupDone, Credentials: service.Credentials{Identifier: nk.ID, Secret: string(secret)}}, nil
}

// link reads the link of token and says where it stands at now; a used one gets its
// key suspended (journaled, from's address) and PickupReused.
func (p *Pickups) link(ctx context.Context, token, from string) (store.HandoverRecord, PickupState, error) {
	if !service.ValidHandoverToken(token) {
		return store.HandoverRecord{}, PickupEnded, nil
	}
	h, err := p.st.Handover(ctx, service.HandoverTokenDigest(token))
	if service.ErrorCode(err) == service.ENOTFOUND {
		return h, PickupEnded, nil
	}
	if err != nil {
		return h, PickupEnded, err
	}
	now := p.now()
	switch {
	case h.State == store.HandoverUsed && from == h.UsedFrom && now.Sub(h.UsedAt) < PickupRepeatGrace:
		return h, PickupShown, nil
	case h.State == store.HandoverUsed:
		return h, PickupReused, p.suspendReused(ctx, h, from, now)
	case h.State != store.HandoverOpen || !now.Before(h.ExpiresAt) || h.Sealed == nil:
		return h, PickupEnded, nil
	}
	return h, PickupOpen, nil
}

// suspendReused suspends the key of a link opened after its pickup, unless it is
// suspended or revoked already.
func (p *Pickups) suspendReused(ctx context.Context, h store.HandoverRecord, from string, now time.Time) error {
	k, err := p.st.KeyByID(ctx, h.KeyID)
	if err != nil {
		return err
	}
	ev := p.event(k.Key, service.AuditSuspend, from, now)
	ev.Detail = service.SuspendReasonHandoverReused
	_, err = p.st.SuspendKey(ctx, k.ID, service.Suspension{At: now, Reason: service.SuspendReasonHandoverReused}, ev)
	if service.ErrorCode(err) == service.ECONFLICT {
		return nil // suspended, revoked or expired already: nothing more to stop
	}
	return err
}

// event is a journal event of a pickup link, which no administrator did: the
// address is the opener's.
func (p *Pickups) event(k service.Key, action service.AuditAction, from string, now time.Time) service.AuditEvent {
	return service.AuditEvent{At: now, Action: action, KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service, Addr: from}
}
