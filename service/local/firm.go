package local

import (
	"context"
	"strings"

	"sesame/service"
	"sesame/service/store"
)

// SetUpFirm creates the firm profile at first start: the firm as its first tiers and
// the administrator who administers it.
func (p *Portal) SetUpFirm(ctx context.Context, s service.FirmSetup) (service.Profile, error) {
	if err := s.Validate(); err != nil {
		return service.Profile{}, err
	}
	firm := service.Tiers{Code: strings.TrimSpace(s.SICCode), Name: strings.TrimSpace(s.FirmName)}
	// A first attempt that stopped between the two writes left the tiers: reuse it.
	if err := p.st.AddTiers(ctx, firm); err != nil && service.ErrorCode(err) != service.ECONFLICT {
		return service.Profile{}, err
	}
	a := store.Admin{Login: p.login, Name: strings.TrimSpace(s.AdminName), SICCode: firm.Code, Tiers: []string{firm.Code}}
	if err := p.st.PutAdmin(ctx, a); err != nil {
		return service.Profile{}, err
	}
	return p.Profile(ctx)
}

// AttachTiers adds a tiers attached to one the administrator administers.
func (p *Portal) AttachTiers(ctx context.Context, t service.Tiers) (service.Profile, error) {
	t.Code, t.Name = strings.TrimSpace(t.Code), strings.TrimSpace(t.Name)
	if err := t.Validate(); err != nil {
		return service.Profile{}, err
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return prof, err
	}
	if !prof.Administers(t.AttachedTo) {
		return prof, service.Errorf(service.ENOTFOUND, service.MsgTiersNotFound, nil)
	}
	if err := p.st.AddTiers(ctx, t); err != nil {
		if service.ErrorCode(err) == service.ECONFLICT {
			return prof, &service.Error{Code: service.ECONFLICT, Field: "code", Message: service.MsgTiersExists}
		}
		return prof, err
	}
	return p.Profile(ctx)
}
