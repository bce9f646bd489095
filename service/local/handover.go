package local

import (
	"context"
	"strings"

	"sesame/service"
	"sesame/service/store"
)

// Sealer seals a key's secret for its pickup link, and opens it at pickup: the
// server's master key (masterkey.Key).
type Sealer interface {
	Seal(label string, plain []byte) []byte
	Open(label string, sealed []byte) ([]byte, error)
}

// handover is what a Portal needs to issue pickup links: only a server has it.
type handover struct {
	sealer Sealer
	base   string // the server's public base URL; links are base + PickupPath + token
}

// PickupPath is the path of the pickup page, followed by the link's token.
const PickupPath = "/remise/"

// WithHandover returns a copy of the Portal that issues pickup links on the server
// whose public base URL is base, sealing the secrets they reveal with sealer.
// Without it (the desktop's local mode), Handover is refused.
func (p *Portal) WithHandover(sealer Sealer, base string) *Portal {
	c := *p
	c.handover = &handover{sealer: sealer, base: strings.TrimRight(base, "/")}
	return &c
}

// Handover gives one of the administrator's keys a new secret that only a pickup
// link reveals, once, to whoever also has its code; the key is pending until then.
func (p *Portal) Handover(ctx context.Context, req service.HandoverRequest) (service.HandoverLink, error) {
	if p.handover == nil {
		return service.HandoverLink{}, service.Errorf(service.EFORBIDDEN, service.MsgHandoverServerOnly, nil)
	}
	validity, err := service.NormalizeValidity(req.Validity)
	if err != nil {
		return service.HandoverLink{}, err
	}
	prof, k, err := p.myKey(ctx, req.KeyID)
	if err != nil {
		return service.HandoverLink{}, err
	}
	creds, err := service.NewCredentials()
	if err != nil {
		return service.HandoverLink{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	token, code, err := service.NewHandoverToken()
	if err != nil {
		return service.HandoverLink{}, service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	now := p.now()
	until := now.Add(validity)
	h := store.HandoverRecord{
		TokenDigest: service.HandoverTokenDigest(token), KeyID: k.ID,
		CodeDigest: service.HandoverCodeDigest(token, code),
		Sealed:     p.handover.sealer.Seal(store.HandoverSecretLabel(k.ID), []byte(creds.Secret)),
		CreatedAt:  now, CreatedBy: prof.AdminName, ExpiresAt: until, State: store.HandoverOpen,
	}
	ev := p.newEvent(prof, service.AuditHandover, k.Key)
	ev.At, ev.Detail = now, service.HandoverDetail(until)
	nk, err := p.st.StartHandover(ctx, h, service.SecretDigest(creds.Secret), service.SecretHint(creds.Secret), ev)
	if err != nil {
		return service.HandoverLink{}, err
	}
	return service.HandoverLink{Key: nk.At(now), URL: p.handover.base + PickupPath + token, Code: code, Until: until}, nil
}
