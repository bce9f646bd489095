package local

import (
	"context"
	"slices"
	"time"

	"sesame/service"
)

// KeyDetails returns one of the administrator's keys, its uses per day and what its
// restrictions refused.
func (p *Portal) KeyDetails(ctx context.Context, keyID string) (service.KeyDetails, error) {
	_, k, err := p.myKey(ctx, keyID)
	if err != nil {
		return service.KeyDetails{}, err
	}
	now := p.now()
	last := service.DayOf(now)
	counts, err := p.st.KeyUses(ctx, k.ID, last-service.UsageDays+1, last)
	if err != nil {
		return service.KeyDetails{}, err
	}
	refusals, err := p.st.KeyRefusals(ctx, k.ID, last)
	if err != nil {
		return service.KeyDetails{}, err
	}
	return service.KeyDetails{Key: k.At(now), Uses: service.DailyUses(counts, now), Refusals: refusals}, nil
}

// ExpiringKeys returns the administrator's active keys that expire within
// service.ExpiryWarning.
func (p *Portal) ExpiringKeys(ctx context.Context) ([]service.Key, error) {
	prof, err := p.Profile(ctx)
	if err != nil {
		return nil, err
	}
	var tiers []string
	for _, t := range prof.Tiers {
		tiers = append(tiers, t.Code)
	}
	now := p.now()
	keys, err := p.st.ExpiringKeys(ctx, tiers, now.Add(time.Microsecond), now.Add(service.ExpiryWarning), service.MaxPageSize)
	return slices.Clip(keys), err
}

// SetKeyPolicy sets the firm's maximum key lifetime, and the partner keys' own.
func (p *Portal) SetKeyPolicy(ctx context.Context, pol service.KeyPolicy) (service.Profile, error) {
	if err := pol.Validate(); err != nil {
		return service.Profile{}, err
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return prof, err
	}
	ev := p.newEvent(prof, service.AuditPolicy, service.Key{Tiers: prof.SICCode})
	ev.Detail = service.PolicyDetail(pol)
	if err := p.st.SetKeyPolicy(ctx, prof.SICCode, pol, ev); err != nil {
		return prof, err
	}
	return p.Profile(ctx)
}
