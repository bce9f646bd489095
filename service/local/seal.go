package local

import (
	"context"
	"log/slog"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// SealKeys is where the key that seals the journal's head (service.SealKey) comes
// from: on a server derived from the master key, on the desktop the OS keychain.
type SealKeys interface {
	// SealKey returns the sealing key. When there is none, it makes one if create
	// is true, and returns nil otherwise, without error.
	SealKey(ctx context.Context, create bool) (*service.SealKey, error)
}

// SealEvery is how often the journal's head is sealed when it has changed.
const SealEvery = 24 * time.Hour

// WithSealKeys returns a copy of the Portal that seals and checks the journal's
// head with the key keys gives. Without it, seals cannot be made or checked.
func (p *Portal) WithSealKeys(keys SealKeys) *Portal {
	c := *p
	c.seals = keys
	return &c
}

// sealKey returns the sealing key, and the journal's seals. It is nil when the
// Portal has no SealKeys, when there is no key and no seal to check (create false),
// and when the key is missing while the journal has seals, which a new key could
// not check. With create, a key is made on first use, when there is no seal yet.
func (p *Portal) sealKey(ctx context.Context, create bool) (*service.SealKey, []service.AuditSeal, error) {
	seals, err := p.st.AuditSeals(ctx)
	if err != nil || p.seals == nil || (!create && len(seals) == 0) {
		return nil, seals, err
	}
	k, err := p.seals.SealKey(ctx, create && len(seals) == 0)
	return k, seals, err
}

// SealAudit seals the journal's head now, for the administrator's firm, and
// journals it: the seal covers its own event. EUNAVAILABLE (MsgSealKeyMissing) when
// the sealing key is missing while the journal has seals.
func (p *Portal) SealAudit(ctx context.Context) (service.AuditSeal, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return service.AuditSeal{}, err
	}
	key, _, err := p.sealKey(ctx, true)
	if err != nil {
		return service.AuditSeal{}, err
	}
	if key == nil {
		return service.AuditSeal{}, service.Errorf(service.EUNAVAILABLE, service.MsgSealKeyMissing, nil)
	}
	ev := p.newEvent(prof, service.AuditSealHead, service.Key{Tiers: prof.SICCode})
	se, _, err := p.st.SealAudit(ctx, store.SealRequest{Firm: prof.SICCode, At: ev.At, Event: &ev, Sign: key.Sign})
	return se, err
}

// SealDaily seals the journal's head, not journaled, unless it is sealed already or
// was sealed less than SealEvery ago; the desktop calls it at start, the server
// keeps its own daily round. Nothing is done, and nil returned, when the key is
// missing while the journal has seals: VerifyAudit says so.
func SealDaily(ctx context.Context, st store.Store, keys SealKeys, now time.Time) (service.AuditSeal, bool, error) {
	// The store says first whether a seal is due, so that the keychain is not
	// asked at every start.
	head, err := st.AuditHead(ctx)
	if err != nil {
		return service.AuditSeal{}, false, err
	}
	p := New(st, "").WithSealKeys(keys)
	seals, err := st.AuditSeals(ctx)
	if err != nil || head.Seq == 0 {
		return service.AuditSeal{}, false, err
	}
	if n := len(seals); n > 0 && (seals[n-1].Seq == head.Seq || seals[n-1].At.After(now.Add(-SealEvery))) {
		return seals[n-1], false, nil
	}
	key, _, err := p.sealKey(ctx, true)
	if err != nil || key == nil {
		return service.AuditSeal{}, false, err
	}
	return st.SealAudit(ctx, store.SealRequest{At: now, NotAfter: now.Add(-SealEvery), Sign: key.Sign})
}

// KeepSealed seals the journal's head now, then looks each hour whether a seal is
// due (SealDaily), until ctx ends: the desktop runs it while it works on its file,
// which may stay open for days. Failures are logged (they hold no secret).
func KeepSealed(ctx context.Context, st store.Store, keys SealKeys) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if _, _, err := SealDaily(ctx, st, keys, time.Now()); err != nil && ctx.Err() == nil {
			slog.Warn("sealing the journal's head", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
