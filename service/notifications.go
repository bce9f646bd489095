package service

import (
	"context"
	"time"
)

// Notifications is what the desktop asks the firm's server about notifications
// outside the app (issue 18 item 3): the administrator's own choices and the firm's
// deliveries. The remote Portal has it; the local Portal does not (notifications
// need the server, which sends them).
type Notifications interface {
	// NotifyChoice returns the administrator's choices (none yet: no address, French).
	NotifyChoice(ctx context.Context) (NotifyChoice, error)
	// SetNotifyChoice replaces them and returns them as stored; EINVALID with the
	// field at fault.
	SetNotifyChoice(ctx context.Context, c NotifyChoice) (NotifyChoice, error)
	// Deliveries returns the firm's newest deliveries, only the failed ones when
	// failed is set.
	Deliveries(ctx context.Context, failed bool) ([]Delivery, error)
	// RetryDelivery makes a failed delivery pending again; ECONFLICT when it is not
	// failed, ENOTFOUND when the firm has none of that ID.
	RetryDelivery(ctx context.Context, id int64) error
	// Webhooks returns the firm's webhooks, without their secrets.
	Webhooks(ctx context.Context) ([]Webhook, error)
}

// Webhook is one of the firm's webhooks as the app lists it.
type Webhook struct {
	ID    string
	URL   string
	Kinds []NotifyKind
}

// NotifyChoice is what an administrator receives by e-mail: where, in which
// language ("fr", "en"), and which events.
type NotifyChoice struct {
	Email    string
	Language string
	Kinds    []NotifyKind
}

// Delivery is one notification to one recipient as the app lists it.
type Delivery struct {
	ID         int64
	Kind       NotifyKind
	Channel    string // "email" or "webhook"
	Target     string // the address, or the webhook's ID
	Status     string // "pending", "delivered", "failed"
	Attempts   int
	CreatedAt  time.Time
	LastAt     time.Time
	LastResult string // the last attempt's HTTP status or SMTP reply
}
