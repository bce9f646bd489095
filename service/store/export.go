package store

import (
	"context"
	"errors"
	"io"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// progressEvery is how many events an export writes between progress reports.
const progressEvery = 2000

// ExportAudit writes the events matching f (its tiers as given: the caller restricts
// them), oldest first, as the CSV of service.NewAuditCSV with dates in loc and words
// in the language of ctx (msg.LanguageOf), ending with a head as it was when the
// export began (later events are left out): the whole chain's when headOf is nil
// (the operator's export), else the newest event of the tiers headOf names (a
// firm's export: its own newest event, whose hash covers the chain before it, and
// nothing of other firms' activity; Seq 0 when it has none). progress, if not nil,
// is called first with (0, total) before anything is written, then every few
// thousand events and at the end. It holds one event at a time. A cancelled ctx
// stops it with ctx's error; a refused write is EINTERNAL with MsgAuditWrite.
func ExportAudit(ctx context.Context, st Store, f service.AuditFilter, headOf []string, w io.Writer, loc *time.Location, progress func(done, total int64)) error {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	head, err := st.AuditHead(ctx)
	if err != nil {
		return err
	}
	if f.Before <= 0 || f.Before > head.Seq+1 {
		f.Before = head.Seq + 1
	}
	if headOf != nil {
		if head, err = st.AuditHeadOf(ctx, headOf, f.Before); err != nil {
			return err
		}
	}
	total, err := st.CountAudit(ctx, f)
	if err != nil {
		return err
	}
	progress(0, total)
	names, err := auditCSVNames(ctx, st)
	if err != nil {
		return err
	}
	c, err := service.NewAuditCSV(w, loc, msg.LanguageOf(ctx), names)
	if err != nil {
		return writeFailed(err)
	}
	var done int64
	err = st.EachAudit(ctx, f, func(ev service.AuditEvent) error {
		if err := c.Write(ev); err != nil {
			return writeFailed(err)
		}
		if done++; done%progressEvery == 0 {
			progress(done, total)
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	if err := c.Close(head); err != nil {
		return writeFailed(err)
	}
	progress(done, total)
	return nil
}

// auditCSVNames are the names of the services and tiers st knows.
func auditCSVNames(ctx context.Context, st Store) (service.AuditCSVNames, error) {
	names := service.AuditCSVNames{Services: map[string]string{}, Tiers: map[string]string{}}
	cat, err := st.Catalogue(ctx)
	if err != nil {
		return names, err
	}
	for _, e := range cat.Entries {
		names.Services[e.ID] = e.Name
	}
	tiers, err := st.Tiers(ctx)
	if err != nil {
		return names, err
	}
	for _, t := range tiers {
		names.Tiers[t.Code] = t.Name
	}
	return names, nil
}

// writeFailed is the error of an export whose destination refused the data.
func writeFailed(err error) error {
	var se *service.Error
	if errors.As(err, &se) {
		return err
	}
	return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
}
