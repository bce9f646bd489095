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
	// AddWebhook adds a webhook of the firm (every event when kinds is empty) and
	// returns it with its signing secret, given this once; EINVALID with the field.
	AddWebhook(ctx context.Context, url string, kinds []NotifyKind) (Webhook, string, error)
	// RemoveWebhook removes one of the firm's webhooks; ENOTFOUND when it has none
	// of that ID.
	RemoveWebhook(ctx context.Context, id string) error
	// SMTP returns the firm's SMTP server, never its password; ENOTFOUND when none
	// is set.
	SMTP(ctx context.Context) (SMTPSettings, error)
	// SetSMTP replaces the firm's SMTP server, password included (an empty one is
	// stored empty); EINVALID with the field at fault.
	SetSMTP(ctx context.Context, c SMTPSettings) (SMTPSettings, error)
	// TestSMTP sends a test e-mail to `to` now and returns the SMTP server's reply;
	// EUNAVAILABLE with the reply when it refuses.
	TestSMTP(ctx context.Context, to string) (string, error)
}

// SMTPSettings is the firm's SMTP server as the app sets it. Password is only
// ever written; PasswordSet says whether the server holds one.
type SMTPSettings struct {
	Host        string
	Port        int
	StartTLS    bool
	User        string
	Password    string
	PasswordSet bool
	From        string
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
