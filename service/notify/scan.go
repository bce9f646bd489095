package notify

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"sesame/service"
)

// The notifier's read cursors (store.NotifyStore.NotifyCursor).
const (
	cursorAudit = "audit"
	cursorSeals = "seals"
)

// Scan enqueues what happened since the last scan, by whichever replica: the
// journal's events that tell something (service.NotifyKindOf), the new seals of the
// journal's head, and the keys that entered their 30, 7 or 1 days before expiry.
// Each notification has an ID of its own, so that replicas scanning at once, or a
// scan cut short and made again, enqueue it once. The first scan of a database
// starts from its present: the history before is not told.
func (n *Notifier) Scan(ctx context.Context) error {
	firms, err := n.firms(ctx)
	if err != nil {
		return err
	}
	if err := n.scanJournal(ctx, firms); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := n.scanSeals(ctx); err != nil {
		return fmt.Errorf("seals: %w", err)
	}
	if err := n.scanExpiry(ctx, firms); err != nil {
		return fmt.Errorf("expiry: %w", err)
	}
	return nil
}

// firms maps every tiers to the firm it belongs to (itself, or the firm it is
// attached to).
func (n *Notifier) firms(ctx context.Context) (map[string]string, error) {
	ts, err := n.st.Tiers(ctx)
	if err != nil {
		return nil, err
	}
	parent := map[string]string{}
	for _, t := range ts {
		parent[t.Code] = t.AttachedTo
	}
	out := map[string]string{}
	for _, t := range ts {
		f := t.Code
		for i := 0; parent[f] != "" && i < len(ts); i++ {
			f = parent[f]
		}
		out[t.Code] = f
	}
	return out, nil
}

// scanJournal enqueues the journal's telling events after the audit cursor.
func (n *Notifier) scanJournal(ctx context.Context, firms map[string]string) error {
	from, set, err := n.st.NotifyCursor(ctx, cursorAudit)
	if err != nil {
		return err
	}
	head, err := n.st.AuditHead(ctx)
	if err != nil {
		return err
	}
	if !set {
		return n.st.AdvanceNotifyCursor(ctx, cursorAudit, head.Seq)
	}
	if head.Seq <= from {
		return nil
	}
	// In the order of the chain, not of the events' instants: an import appends a
	// desktop's history, whose instants are older than the events before it. Only
	// what may be told is kept, and the imports that say which of it is history.
	var evs []service.AuditEvent
	if err := n.st.EachAudit(ctx, service.AuditFilter{After: from}, func(ev service.AuditEvent) error {
		if _, ok := service.NotifyKindOf(ev.Action); ok || ev.Action == service.AuditImport {
			evs = append(evs, ev)
		}
		return nil
	}); err != nil {
		return err
	}
	imported := importedEvents(evs)
	for _, ev := range evs {
		kind, ok := service.NotifyKindOf(ev.Action)
		if !ok || imported(ev.ID) {
			continue
		}
		firm := firms[ev.Tiers]
		if firm == "" {
			continue
		}
		detail := ev.Detail
		if ev.Action == service.AuditEndGrace {
			detail = ""
		}
		if _, err := n.Enqueue(ctx, service.Notification{
			ID: fmt.Sprintf("audit:%d", ev.ID), Kind: kind, Firm: firm, At: ev.At, AuditSeq: ev.ID,
			KeyID: ev.KeyID, KeyName: ev.KeyName, Tiers: ev.Tiers, Service: ev.Service, Actor: ev.Actor, Detail: detail,
			DetailText: detailTexts(kind, detail),
		}); err != nil {
			return err
		}
		if err := n.st.AdvanceNotifyCursor(ctx, cursorAudit, ev.ID); err != nil {
			return err
		}
	}
	return n.st.AdvanceNotifyCursor(ctx, cursorAudit, head.Seq)
}

// scanSeals enqueues the seals made after the seals cursor to the administrators who
// chose them: the server's daily seals to every firm's (the journal is the server's,
// one for every firm), a seal a firm asked for to that firm's only, as it tells of
// that firm's activity.
func (n *Notifier) scanSeals(ctx context.Context) error {
	from, set, err := n.st.NotifyCursor(ctx, cursorSeals)
	if err != nil {
		return err
	}
	seals, err := n.st.AuditSeals(ctx)
	if err != nil {
		return err
	}
	newest := int64(0)
	if len(seals) > 0 {
		newest = seals[len(seals)-1].ID
	}
	if !set {
		return n.st.AdvanceNotifyCursor(ctx, cursorSeals, newest)
	}
	for _, se := range seals {
		if se.ID <= from {
			continue
		}
		if _, err := n.Enqueue(ctx, service.Notification{
			ID: fmt.Sprintf("seal:%d", se.ID), Kind: service.NotifyJournalSealed, Firm: se.Firm, At: se.At,
			SealID: se.ID, SealedSeq: se.Seq, SealedHash: se.Hash, SealMAC: hex.EncodeToString(se.MAC),
		}); err != nil {
			return err
		}
		if err := n.st.AdvanceNotifyCursor(ctx, cursorSeals, se.ID); err != nil {
			return err
		}
	}
	return nil
}

// expiryBatch bounds the keys told per threshold and scan; the next scan tells the rest.
const expiryBatch = 500

// scanExpiry enqueues, for each key, the tightest of 30, 7 and 1 days that its
// expiry has entered: a key 5 days from expiry is told "7 days" once, then "1 day".
// The ID holds the expiry, so a key whose expiry moved is told again.
func (n *Notifier) scanExpiry(ctx context.Context, firms map[string]string) error {
	if len(firms) == 0 {
		return nil
	}
	tiers := make([]string, 0, len(firms))
	for t := range firms {
		tiers = append(tiers, t)
	}
	now := n.now()
	lower := now
	for i := len(service.ExpiryWarnDays) - 1; i >= 0; i-- { // 1, 7, 30
		days := service.ExpiryWarnDays[i]
		upper := now.Add(time.Duration(days) * 24 * time.Hour)
		keys, err := n.st.ExpiringKeys(ctx, tiers, lower, upper, expiryBatch)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if k.ExpiresAt.IsZero() {
				continue
			}
			id := fmt.Sprintf("expiry:%s:%d:%d", k.ID, days, k.ExpiresAt.UnixMicro())
			if n.wasTold(id) {
				continue
			}
			if _, err := n.Enqueue(ctx, service.Notification{
				ID: id, Kind: service.NotifyKeyExpiring, Firm: firms[k.Tiers], At: now, Days: days, ExpiresAt: k.ExpiresAt,
				KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers, Service: k.Service,
			}); err != nil {
				return err
			}
			n.markTold(id)
		}
		lower = upper
	}
	return nil
}
