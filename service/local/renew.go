package local

import (
	"context"

	"sesame/service"
	"sesame/service/store"
)

// myKey returns one of the administrator's keys, with their profile; ENOTFOUND for a
// key of a tiers they do not administer.
func (p *Portal) myKey(ctx context.Context, keyID string) (service.Profile, store.KeyRecord, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return prof, store.KeyRecord{}, err
	}
	k, err := p.st.KeyByID(ctx, keyID)
	if err != nil {
		return prof, k, err
	}
	if !prof.Administers(k.Tiers) {
		return prof, store.KeyRecord{}, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	return prof, k, nil
}

// Renew gives one of the administrator's keys a new secret; the old one lives on for
// the grace asked. Only the new secret's digest is stored; the secret is returned once.
func (p *Portal) Renew(ctx context.Context, req service.RenewRequest) (service.GeneratedKey, error) {
	if !req.Grace.Valid() {
		return service.GeneratedKey{}, service.FieldError("grace", service.MsgGraceInvalid)
	}
	prof, k, err := p.myKey(ctx, req.KeyID)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	if req.Version != 0 && req.Version != k.Version {
		return service.GeneratedKey{}, service.Errorf(service.ECONFLICT, service.MsgKeyRenewedMeantime, nil)
	}
	creds, err := service.NewCredentials()
	if err != nil {
		return service.GeneratedKey{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	creds.Identifier = k.ID
	now := p.now()
	r := store.Renewal{
		ID: k.ID, FromVersion: k.Version, Digest: service.SecretDigest(creds.Secret),
		Hint: service.SecretHint(creds.Secret), At: now, KeepOld: req.Grace != service.GraceNone,
	}
	if d, fixed := req.Grace.Duration(); fixed && d > 0 {
		r.OldUntil = now.Add(d)
	}
	ev := p.newEvent(prof, service.AuditRenew, k.Key)
	ev.At, ev.Detail = now, service.RenewDetail(req.Grace)
	// The old secrets whose grace has ended go now, whoever's they are, with their
	// end in the journal (this renewal replaces the old secret).
	if err := p.st.ForgetEndedGraces(ctx, now); err != nil {
		return service.GeneratedKey{}, err
	}
	nk, err := p.st.RenewKey(ctx, r, ev)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	return service.GeneratedKey{Key: nk.At(now), Credentials: creds}, nil
}

// EndGrace stops the old secret of one of the administrator's keys.
func (p *Portal) EndGrace(ctx context.Context, keyID string) (service.Key, error) {
	prof, k, err := p.myKey(ctx, keyID)
	if err != nil {
		return service.Key{}, err
	}
	now := p.now()
	// A grace that ran out already ended by time, not by hand: that end is
	// written, and this one refused (MsgNoGrace).
	if err := p.st.ForgetEndedGraces(ctx, now); err != nil {
		return service.Key{}, err
	}
	ev := p.newEvent(prof, service.AuditEndGrace, k.Key)
	ev.At = now
	nk, err := p.st.EndGrace(ctx, keyID, ev)
	return nk.At(now), err
}
