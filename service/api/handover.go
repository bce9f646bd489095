package api

import (
	"time"

	"sesame/service"
)

// HandoverRequest is the body of POST /v1/keys/{id}/handover: how long the pickup
// link lives, in hours (24, 72 or 168; 0 for 72).
type HandoverRequest struct {
	ValidityHours int `json:"validityHours"`
}

// HandoverLink is the answer of POST /v1/keys/{id}/handover, given once: the key
// (now pending), the link to send to the partner, the code to give them by another
// channel, and when the link ends.
type HandoverLink struct {
	Key   Key       `json:"key"`
	URL   string    `json:"url"`
	Code  string    `json:"code"`
	Until time.Time `json:"until"`
}

// Handover is a key's pickup: pending until an instant, or picked up when and from
// where.
type Handover struct {
	Pending      bool       `json:"pending,omitempty"`
	Until        *time.Time `json:"until,omitempty"`
	PickedUpAt   *time.Time `json:"pickedUpAt,omitempty"`
	PickedUpFrom string     `json:"pickedUpFrom,omitempty"`
}

// FromHandoverLink converts a domain link.
func FromHandoverLink(l service.HandoverLink) HandoverLink {
	return HandoverLink{Key: FromKey(l.Key), URL: l.URL, Code: l.Code, Until: wire(l.Until)}
}

// ToHandoverLink converts back to the domain.
func (l HandoverLink) ToHandoverLink() service.HandoverLink {
	return service.HandoverLink{Key: l.Key.ToKey(), URL: l.URL, Code: l.Code, Until: l.Until}
}

func fromHandover(h *service.Handover) *Handover {
	if h == nil {
		return nil
	}
	return &Handover{Pending: h.Pending, Until: timePtr(h.Until), PickedUpAt: timePtr(h.PickedUpAt), PickedUpFrom: h.PickedUpFrom}
}

func (h *Handover) toHandover() *service.Handover {
	if h == nil {
		return nil
	}
	return &service.Handover{Pending: h.Pending, Until: timeVal(h.Until), PickedUpAt: timeVal(h.PickedUpAt), PickedUpFrom: h.PickedUpFrom}
}
