package local

import (
	"context"
	"errors"
	"io"
	"slices"
	"time"

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
// of theirs); false when none remains. It returns too every tiers of the firm's,
// whatever was asked. EINVALID for a period that ends before it starts.
func (p *Portal) auditScope(ctx context.Context, f service.AuditFilter) (service.AuditFilter, firm, bool, error) {
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return f, firm{}, false, service.FieldError("to", service.MsgAuditPeriod)
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return f, firm{}, false, err
	}
	own := firm{sic: prof.SICCode, tiers: []string{}}
	var mine []string
	for _, t := range prof.Tiers {
		own.tiers = append(own.tiers, t.Code)
		if len(f.Tiers) == 0 || slices.Contains(f.Tiers, t.Code) {
			mine = append(mine, t.Code)
		}
	}
	f.Tiers = mine
	return f, own, len(mine) > 0, nil
}

// firm is whose journal an administrator sees: their firm's SIC code (the Firm of
// the seals it asked for) and every tiers they administer.
type firm struct {
	sic   string
	tiers []string // never nil, so that store.ExportAudit ends with the firm's head
}

// Audit returns a page of the audit trail of the administrator's tiers.
func (p *Portal) Audit(ctx context.Context, f service.AuditFilter) ([]service.AuditEvent, error) {
	f, _, ok, err := p.auditScope(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	if err := p.sweepGraces(ctx); err != nil {
		return nil, err
	}
	return p.st.Audit(ctx, f)
}

// ExportAudit writes the events of the administrator's tiers matching the filter as
// the CSV export (store.ExportAudit), with dates in the Portal's time zone, ending
// with the firm's head: its newest event, not the whole chain's, which would tell
// how many events other firms wrote.
func (p *Portal) ExportAudit(ctx context.Context, f service.AuditFilter, w io.Writer, progress func(done, total int64)) error {
	f, own, ok, err := p.auditScope(ctx, f)
	if err != nil {
		return err
	}
	if !ok {
		f.Tiers = []string{""} // no tiers of theirs: an export of no event
	}
	if err := p.sweepGraces(ctx); err != nil {
		return err
	}
	return store.ExportAudit(ctx, p.st, f, own.tiers, w, p.loc, progress)
}

// VerifyAudit checks the journal for the administrator's tiers, and its seals with
// the Portal's sealing key. The chain is one for every firm, so it is read whole,
// but what comes back is the firm's own: the count of its events, its newest event
// as the head (whose hash covers the chain before it), what the seals checked
// protect of its events (ownSeals: every seal covering them, whoever asked for it,
// stops at the firm's newest event it covers, never at the chain's head then;
// another firm's seal is named only when it is broken), and a problem only where
// the firm's events can no longer be vouched for, that is when the chain breaks at
// one of them, or before the last of them (a firm whose events all precede the
// break is told its journal is whole).
func (p *Portal) VerifyAudit(ctx context.Context) (service.AuditCheck, error) {
	_, own, _, err := p.auditScope(ctx, service.AuditFilter{})
	if err != nil {
		return service.AuditCheck{}, err
	}
	if err := p.sweepGraces(ctx); err != nil {
		return service.AuditCheck{}, err
	}
	// The firm's newest event: the chain must hold up to it.
	head, err := p.st.AuditHeadOf(ctx, own.tiers, 0)
	if err != nil {
		return service.AuditCheck{}, err
	}
	key, seals, err := p.sealKey(ctx, false)
	if err != nil {
		return service.AuditCheck{}, err
	}
	v, err := store.NewAuditVerifier(ctx, p.st, key)
	if err != nil {
		return service.AuditCheck{}, err
	}
	var count int64
	brokenAtOwn := false
	sealed := newOwnSeals(seals)
	err = p.st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error {
		mine := slices.Contains(own.tiers, ev.Tiers)
		if !v.Add(ev) {
			brokenAtOwn = mine
			return errStopScan
		}
		sealed.read(ev.ID, mine)
		if mine {
			count++
		}
		return nil
	})
	stopped := errors.Is(err, errStopScan)
	if err != nil && !stopped {
		return service.AuditCheck{}, err
	}
	if !stopped {
		sealed.finish() // a seal past the last event is a cut journal: Finish says so
	}
	c := v.Finish()
	// A break at event n leaves n-1 in doubt too: its hash may have been recomputed.
	// A seal's problem leaves every event it covers in doubt, whoever's they are.
	if !c.OK() && !c.SealProblem() && !brokenAtOwn && head.Seq < c.Event-1 {
		c.Problem, c.Event = service.AuditIntact, 0
	}
	c.Events, c.Head = count, head
	if c.OK() || c.Problem == service.AuditSealNoKey {
		// Every seal covering the firm's events protects them, whoever asked for it;
		// the firm is told where they stop among its own events, and when.
		c.Seals, c.SealSeq, c.SealAt = sealed.points, sealed.seq, sealed.at
		if c.Seals == 0 {
			// No seal covers its events: its journal is whole, and unsealed (the key
			// that would check other firms' seals is the operator's concern).
			c.Problem, c.SealSeq, c.SealAt = service.AuditIntact, 0, time.Time{}
		}
	} else {
		c.Seals = sealed.points // the seal a problem concerns stays named
	}
	return c, nil
}

// errStopScan ends a scan of the journal early.
var errStopScan = errors.New("stop")

// sweepGraces forgets the old secrets whose grace has run out and writes their ends
// to the journal (dated when each ended), so that whoever reads the journal finds
// them there, whether or not a server swept since.
func (p *Portal) sweepGraces(ctx context.Context) error {
	return p.st.ForgetEndedGraces(ctx, p.now())
}
