// Package local is the Portal that runs in-process on a store: the desktop's embedded
// SQLite file, and, per request and per signed-in administrator, the server's store.
// It enforces the domain's rules: who administers which tiers, key names, one-time
// credentials, the audit trail.
package local

import (
	"context"
	"slices"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// Portal acts for one administrator (login) on a store.
type Portal struct {
	st    store.Store
	login string
	addr  string // the client's address, recorded in audit events (server mode)
	now   func() time.Time
	loc   *time.Location // the time zone of the CSV export's dates
	seals SealKeys       // the journal's sealing key; nil: none

	handover *handover // how pickup links are made; nil: none (local mode)
}

// New returns a Portal acting for login on st.
func New(st store.Store, login string) *Portal {
	return &Portal{st: st, login: login, now: time.Now, loc: time.Local}
}

// WithAddr returns a copy of the Portal that records addr as the client's address in
// the audit events it writes.
func (p *Portal) WithAddr(addr string) *Portal {
	c := *p
	c.addr = addr
	return &c
}

// WithClock returns a copy of the Portal that reads the time from now (tests).
func (p *Portal) WithClock(now func() time.Time) *Portal {
	c := *p
	c.now = now
	return &c
}

// Store returns the store the Portal runs on.
func (p *Portal) Store() store.Store { return p.st }

// Close closes the store.
func (p *Portal) Close() error { return p.st.Close() }

// Profile returns the administrator and their tiers: the ones granted to them and
// every tiers attached, directly or not, to those.
func (p *Portal) Profile(ctx context.Context) (service.Profile, error) {
	a, err := p.st.Admin(ctx, p.login)
	if service.ErrorCode(err) == service.ENOTFOUND {
		return service.Profile{}, service.Errorf(service.ENOPROFILE, service.MsgNoProfile, nil)
	}
	if err != nil {
		return service.Profile{}, err
	}
	all, err := p.st.Tiers(ctx)
	if err != nil {
		return service.Profile{}, err
	}
	pol, err := p.st.KeyPolicy(ctx, a.SICCode)
	if err != nil {
		return service.Profile{}, err
	}
	return service.Profile{
		Login:     a.Login,
		AdminName: a.Name,
		SICCode:   a.SICCode,
		Tiers:     reachableTiers(all, a.Tiers, a.SICCode),
		KeyPolicy: pol,
	}, nil
}

// reachableTiers returns the granted tiers (the firm's SIC code first) followed by
// those attached to them, each once.
func reachableTiers(all []service.Tiers, granted []string, first string) []service.Tiers {
	in := map[string]bool{}
	var out []service.Tiers
	add := func(t service.Tiers) {
		if !in[t.Code] {
			in[t.Code] = true
			out = append(out, t)
		}
	}
	byCode := map[string]service.Tiers{}
	for _, t := range all {
		byCode[t.Code] = t
	}
	roots := slices.Clone(granted)
	slices.SortStableFunc(roots, func(a, b string) int {
		switch {
		case a == first:
			return -1
		case b == first:
			return 1
		}
		return 0
	})
	for _, code := range roots {
		if t, ok := byCode[code]; ok {
			add(t)
		}
	}
	for grew := true; grew; {
		grew = false
		for _, t := range all {
			if t.AttachedTo != "" && in[t.AttachedTo] && !in[t.Code] {
				add(t)
				grew = true
			}
		}
	}
	return out
}

// Catalogue returns the store's catalogue.
func (p *Portal) Catalogue(ctx context.Context) (service.Catalogue, error) {
	return p.st.Catalogue(ctx)
}
