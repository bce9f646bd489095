package store

import (
	"context"
	"errors"

	"sesame/service"
)

// errStop ends a scan early.
var errStop = errors.New("stop")

// VerifyAudit checks the whole audit chain of a store: every event from the first,
// numbered without gaps, each hash following from its content and the previous one,
// and the recorded head on the chain. It reads one event at a time.
func VerifyAudit(ctx context.Context, st Store) (service.AuditCheck, error) {
	return VerifyAuditAnchored(ctx, st, service.AuditHead{})
}

// VerifyAuditAnchored is VerifyAudit that also checks that event anchor.Seq still has
// the hash anchor.Hash: the head line of an earlier export, kept elsewhere.
func VerifyAuditAnchored(ctx context.Context, st Store, anchor service.AuditHead) (service.AuditCheck, error) {
	head, err := st.AuditHead(ctx)
	if err != nil {
		return service.AuditCheck{}, err
	}
	v := service.NewAuditVerifier(head)
	v.Anchor(anchor)
	err = st.EachAudit(ctx, service.AuditFilter{}, func(ev service.AuditEvent) error {
		if !v.Add(ev) {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return service.AuditCheck{}, err
	}
	return v.Finish(), nil
}
