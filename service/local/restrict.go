package local

import (
	"context"

	"sesame/service"
)

// Restrict changes the restrictions of one of the administrator's keys, from the
// version they saw; the journal keeps them before and after.
func (p *Portal) Restrict(ctx context.Context, req service.RestrictRequest) (service.Key, error) {
	r, err := service.NormalizeRestrictions(req.Restrictions)
	if err != nil {
		return service.Key{}, err
	}
	prof, k, err := p.myKey(ctx, req.KeyID)
	if err != nil {
		return service.Key{}, err
	}
	if err := prof.KeyPolicy.CheckAddressRule(k.Kind, r); err != nil {
		return service.Key{}, err
	}
	now := p.now()
	ev := p.newEvent(prof, service.AuditRestrict, k.Key)
	ev.At, ev.Detail = now, service.RestrictDetail(k.Restrictions, r)
	out, err := p.st.SetRestrictions(ctx, k.ID, req.FromVersion, r, ev)
	return out.At(now), err
}
