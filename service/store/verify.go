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
// the recorded head on the chain, and every seal authentic under key (nil when the
// key is missing) and still on the chain. It reads one event at a time.
func VerifyAudit(ctx context.Context, st Store, key *service.SealKey) (service.AuditCheck, error) {
	return VerifyAuditAnchored(ctx, st, service.AuditHead{}, key)
}

// VerifyAuditAnchored is VerifyAudit that also checks that event anchor.Seq still has
// the hash anchor.Hash: the head line of an earlier export, kept elsewhere.
func VerifyAuditAnchored(ctx context.Context, st Store, anchor service.AuditHead, key *service.SealKey) (service.AuditCheck, error) {
	v, err := NewAuditVerifier(ctx, st, key)
	if err != nil {
		return service.AuditCheck{}, err
	}
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

// NewAuditVerifier starts the verification of a store's journal: against its head,
// and its seals checked with key (nil when the key is missing). The caller feeds it
// the events (EachAudit).
func NewAuditVerifier(ctx context.Context, st Store, key *service.SealKey) (*service.AuditVerifier, error) {
	// The head and the seals are read before the events, so that events appended
	// meanwhile are read too and every seal's event is there.
	head, err := st.AuditHead(ctx)
	if err != nil {
		return nil, err
	}
	seals, err := st.AuditSeals(ctx)
	if err != nil {
		return nil, err
	}
	v := service.NewAuditVerifier(head)
	v.Seals(seals, key)
	return v, nil
}
