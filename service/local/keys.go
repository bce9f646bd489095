package local

import (
	"context"

	"sesame/service"
	"sesame/service/store"
)

// scope checks that the administrator may work on this tiers and that the service
// accepts keys, and returns their profile.
func (p *Portal) scope(ctx context.Context, tiers, serviceID string) (service.Profile, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return prof, err
	}
	if !prof.Administers(tiers) {
		return prof, service.Errorf(service.ENOTFOUND, service.MsgTiersNotFound, nil)
	}
	cat, err := p.st.Catalogue(ctx)
	if err != nil {
		return prof, err
	}
	e, ok := cat.Entry(serviceID)
	if !ok {
		return prof, service.Errorf(service.ENOTFOUND, service.MsgServiceNotFound, nil)
	}
	if !e.AcceptsKeys {
		return prof, service.Errorf(service.EINVALID, service.MsgServiceNoKeys, nil)
	}
	return prof, nil
}

// ListKeys returns a page of the keys of one of the administrator's tiers.
func (p *Portal) ListKeys(ctx context.Context, f service.KeyFilter) (service.KeyPage, error) {
	if _, err := p.scope(ctx, f.Tiers, f.Service); err != nil {
		return service.KeyPage{}, err
	}
	f = f.Normalized()
	f.Now = p.now()
	page, err := p.st.ListKeys(ctx, f)
	for i, k := range page.Keys {
		page.Keys[i] = k.At(f.Now)
	}
	return page, err
}

// idAttempts bounds the retries on an identifier collision (80 random bits: in
// practice never more than one).
const idAttempts = 3

// Generate creates a key; its secret is returned once and only its digest is stored.
func (p *Portal) Generate(ctx context.Context, req service.GenerateRequest) (service.GeneratedKey, error) {
	if err := service.ValidateKeyName(req.Name); err != nil {
		return service.GeneratedKey{}, err
	}
	name := service.NormalizeKeyName(req.Name)
	kind, partner, err := service.NormalizeKind(req.Kind, req.Partner)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	prof, err := p.scope(ctx, req.Tiers, req.Service)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	expires, err := req.Expiry.ResolveFor(p.now(), prof.KeyPolicy, kind)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	restr, err := service.NormalizeRestrictions(req.Restrictions)
	if err != nil {
		return service.GeneratedKey{}, err
	}
	if err := prof.KeyPolicy.CheckAddressRule(kind, restr); err != nil {
		return service.GeneratedKey{}, err
	}
	for attempt := 1; ; attempt++ {
		creds, err := service.NewCredentials()
		if err != nil {
			return service.GeneratedKey{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
		}
		now := p.now()
		k := service.Key{
			ID: creds.Identifier, Tiers: req.Tiers, Service: req.Service, Name: name,
			CreatedAt: now, CreatedBy: prof.AdminName, Status: service.StatusActive,
			SecretHint: service.SecretHint(creds.Secret), ExpiresAt: expires, Version: 1,
			Kind: kind, Partner: partner, Restrictions: restr, RestrictionsVersion: 1,
		}
		ev := p.newEvent(prof, service.AuditGenerate, k)
		ev.At, ev.Detail = now, service.GenerateDetail(kind, partner, expires)+service.RestrictionsDetail(restr)
		err = p.st.InsertKey(ctx, store.KeyRecord{Key: k, Digest: service.SecretDigest(creds.Secret)}, ev)
		if service.ErrorCode(err) == service.ECONFLICT {
			// Either the name is taken, or (never in practice) the identifier: tell
			// them apart by looking the identifier up.
			if _, lookErr := p.st.KeyByID(ctx, k.ID); lookErr == nil && attempt < idAttempts {
				continue
			}
			return service.GeneratedKey{}, &service.Error{Code: service.ECONFLICT, Field: "name", Message: service.MsgKeyNameTaken}
		}
		if err != nil {
			return service.GeneratedKey{}, err
		}
		return service.GeneratedKey{Key: k, Credentials: creds}, nil
	}
}

// Revoke revokes one of the administrator's keys.
func (p *Portal) Revoke(ctx context.Context, keyID string) (service.Key, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return service.Key{}, err
	}
	k, err := p.st.KeyByID(ctx, keyID)
	if err != nil {
		return service.Key{}, err
	}
	if !prof.Administers(k.Tiers) {
		return service.Key{}, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	now := p.now()
	ev := p.newEvent(prof, service.AuditRevoke, k.Key)
	ev.At = now
	k2, err := p.st.RevokeKey(ctx, keyID, prof.AdminName, now, ev)
	return k2.At(now), err
}
