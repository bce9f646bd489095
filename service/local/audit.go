package local

import (
	"context"
	"io"
	"slices"

	"sesame/service"
	"sesame/service/store"
)

// newEvent is an audit event by the administrator, now, from the Portal's address;
// the caller fills in what it did and to which key.
func (p *Portal) newEvent(prof service.Profile, action service.AuditAction, k service.Key) service.AuditEvent {
	return service.AuditEvent{
		At: p.now(), Actor: prof.AdminName, Login: prof.Login, Action: action, Addr: p.addr,
		KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service,
	}
}

// auditScope restricts a filter to the administrator's tiers (those asked for, or all
// of theirs); false when none remains. EINVALID for a period that ends before it
// starts.
func (p *Portal) auditScope(ctx context.Context, f service.AuditFilter) (service.AuditFilter, bool, error) {
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return f, false, service.FieldError("to", service.MsgAuditPeriod)
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return f, false, err
	}
	var mine []string
	for _, t := range prof.Tiers {
		if len(f.Tiers) == 0 || slices.Contains(f.Tiers, t.Code) {
			mine = append(mine, t.Code)
		}
	}
	f.Tiers = mine
	return f, len(mine) > 0, nil
}

// Audit returns a page of the audit trail of the administrator's tiers.
func (p *Portal) Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error) {
	f, ok, err := p.auditScope(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	if err := p.sweepGraces(ctx); err != nil {
		return nil, err
	}
	return p.st.Audit(ctx, f)
}

// ExportAudit writes the events of the administrator's tiers matching the filter as
// the CSV export (store.ExportAudit), with dates in the Portal's time zone.
func (p *Portal) ExportAudit(ctx context.Context, f service.AuditFilter, w io.Writer, progress func(done, total int64)) error {
	f, ok, err := p.auditScope(ctx, f)
	if err != nil {
		return err
	}
	if !ok {
		f.Tiers = []string{""} // no tiers of theirs: an export of no event
	}
	if err := p.sweepGraces(ctx); err != nil {
		return err
	}
	return store.ExportAudit(ctx, p.st, f, w, p.loc, progress)
}

// VerifyAudit checks the whole chain (every firm's events: one chain); the result
// names an event by its number only.
func (p *Portal) VerifyAudit(ctx context.Context) (service.AuditCheck, error) {
	if _, err := p.Profile(ctx); err != nil {
		return service.AuditCheck{}, err
	}
	if err := p.sweepGraces(ctx); err != nil {
		return service.AuditCheck{}, err
	}
	return store.VerifyAudit(ctx, p.st)
}

// sweepGraces forgets the old secrets whose grace has run out and writes their ends
// to the journal (dated when each ended), so that whoever reads the journal finds
// them there, whether or not a server swept since.
func (p *Portal) sweepGraces(ctx context.Context) error {
	return p.st.ForgetEndedGraces(ctx, p.now())
}
