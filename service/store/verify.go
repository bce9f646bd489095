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
	head, err := st.AuditHead(ctx)
	if err != nil {
		return service.AuditCheck{}, err
	}
	v := service.NewAuditVerifier(head)
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
