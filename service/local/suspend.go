package local

import (
	"context"

	"sesame/service"
)

// Suspend suspends one of the administrator's keys, journaled with its reason.
func (p *Portal) Suspend(ctx context.Context, req service.SuspendRequest) (service.Key, error) {
	return p.changeSuspension(ctx, req, service.AuditSuspend)
}

// Resume lifts the suspension of one of the administrator's keys, journaled with
// its reason.
func (p *Portal) Resume(ctx context.Context, req service.SuspendRequest) (service.Key, error) {
	return p.changeSuspension(ctx, req, service.AuditResume)
}

// changeSuspension suspends or resumes (action) a key the administrator administers.
func (p *Portal) changeSuspension(ctx context.Context, req service.SuspendRequest, action service.AuditAction) (service.Key, error) {
	reason, err := service.NormalizeReason(req.Reason)
	if err != nil {
		return service.Key{}, err
	}
	prof, err := p.Profile(ctx)
	if err != nil {
		return service.Key{}, err
	}
	k, err := p.st.KeyByID(ctx, req.KeyID)
	if err != nil {
		return service.Key{}, err
	}
	if !prof.Administers(k.Tiers) {
		return service.Key{}, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	now := p.now()
	ev := p.newEvent(prof, action, k.Key)
	ev.At, ev.Detail = now, reason
	var out service.Key
	if action == service.AuditSuspend {
		out, err = p.st.SuspendKey(ctx, k.ID, service.Suspension{At: now, By: prof.AdminName, Reason: reason}, ev)
	} else {
		out, err = p.st.ResumeKey(ctx, k.ID, ev)
	}
	return out.At(now), err
}
