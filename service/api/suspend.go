package api

import (
	"time"

	"sesame/service"
)

// SuspendRequest is the body of POST /v1/keys/{id}/suspend and /resume: why, for
// the journal.
type SuspendRequest struct {
	Reason string `json:"reason"`
}

// Suspension is who suspended a key, when and why; present only on a suspended key
// (and on a key revoked while suspended).
type Suspension struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
}

func fromSuspension(s *service.Suspension) *Suspension {
	if s == nil {
		return nil
	}
	return &Suspension{At: wire(s.At), By: s.By, Reason: s.Reason}
}

func (s *Suspension) toSuspension() *service.Suspension {
	if s == nil {
		return nil
	}
	return &service.Suspension{At: s.At, By: s.By, Reason: s.Reason}
}
