package store

import (
	"context"
	"time"

	"sesame/service"
)

// NotifyStore persists how a firm tells its administrators outside the app (issue 18
// item 3): its SMTP server, its webhooks, each administrator's choices, and every
// delivery with each attempt. Secrets (the SMTP password, the webhooks' signing
// secrets) are stored as the caller gives them: sealed by the master key, under
// SMTPPasswordLabel and WebhookSecretLabel (ResealSecrets reseals them). Errors are
// *service.Error (ENOTFOUND, ECONFLICT, …).
type NotifyStore interface {
	// SMTP returns a firm's SMTP settings; ENOTFOUND if none were set.
	SMTP(ctx context.Context, firm string) (SMTPSettings, error)
	// PutSMTP stores a firm's SMTP settings in place of any before.
	PutSMTP(ctx context.Context, s SMTPSettings) error

	// AddWebhook stores a new webhook; ECONFLICT if its ID exists.
	AddWebhook(ctx context.Context, w Webhook) error
	// Webhooks returns a firm's webhooks, oldest first.
	Webhooks(ctx context.Context, firm string) ([]Webhook, error)
	// Webhook returns one webhook by ID; ENOTFOUND if none.
	Webhook(ctx context.Context, id string) (Webhook, error)
	// RemoveWebhook deletes one of a firm's webhooks; ENOTFOUND if the firm has no
	// webhook of that ID. Its deliveries stay, for the record.
	RemoveWebhook(ctx context.Context, firm, id string) error

	// NotifyChoice returns an administrator's choices; ENOTFOUND if they made none.
	NotifyChoice(ctx context.Context, login string) (NotifyChoice, error)
	// PutNotifyChoice stores an administrator's choices in place of any before.
	PutNotifyChoice(ctx context.Context, c NotifyChoice) error
	// NotifyChoices returns the choices of a firm's administrators, every firm's
	// when firm is "", ordered by login.
	NotifyChoices(ctx context.Context, firm string) ([]NotifyChoice, error)

	// EnqueueDeliveries stores new pending deliveries, due at their NextAt, except
	// those whose (EventID, Channel, Target) is stored already, whoever stored it:
	// replicas that find the same event enqueue it once. It returns how many it
	// stored.
	EnqueueDeliveries(ctx context.Context, ds []Delivery) (int, error)
	// ClaimDeliveries returns at most limit pending deliveries due at now, each
	// leased until now+lease: no other caller claims it before, so a delivery is
	// attempted by one replica at a time.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// RecordAttempt records an attempt of a delivery and ends its lease: delivered
	// when a.OK, else pending again at next, or failed when next is zero. It returns
	// the delivery as it now is; ENOTFOUND if there is none.
	RecordAttempt(ctx context.Context, id int64, a DeliveryAttempt, next time.Time) (Delivery, error)
	// Deliveries returns a firm's deliveries with that status ("" for any), newest
	// first, at most limit.
	Deliveries(ctx context.Context, firm string, status DeliveryStatus, limit int) ([]Delivery, error)
	// Delivery returns one delivery with its attempts, oldest first; ENOTFOUND if
	// the firm has none of that ID.
	Delivery(ctx context.Context, firm string, id int64) (Delivery, []DeliveryAttempt, error)
	// RetryDelivery makes a failed delivery of the firm pending again, due at now,
	// with its attempts kept; ENOTFOUND, or ECONFLICT when it is not failed.
	RetryDelivery(ctx context.Context, firm string, id int64, now time.Time) (Delivery, error)

	// NotifyCursor returns how far the notifier has read a source ("audit",
	// "seals"): the number of the last event it has enqueued, and false when the
	// cursor was never set.
	NotifyCursor(ctx context.Context, name string) (int64, bool, error)
	// AdvanceNotifyCursor moves a cursor forward to pos; it never moves back.
	AdvanceNotifyCursor(ctx context.Context, name string, pos int64) error
}

// SMTPPasswordLabel names a firm's SMTP password for sealing (masterkey).
func SMTPPasswordLabel(firm string) string { return "smtp-password:" + firm }

// WebhookSecretLabel names a webhook's signing secret for sealing (masterkey).
func WebhookSecretLabel(id string) string { return "webhook-secret:" + id }

// SMTPSettings is how a firm's server sends e-mail: its SMTP server, STARTTLS,
// the account it signs in with, and the sender address.
type SMTPSettings struct {
	Firm      string
	Host      string
	Port      int
	StartTLS  bool // required before AUTH; false only for a relay on the same host
	User      string
	Password  []byte // sealed by the master key; empty without AUTH
	From      string
	UpdatedAt time.Time
	UpdatedBy string
}

// Webhook is an HTTPS address told of a firm's events, with the secret its
// requests are signed with.
type Webhook struct {
	ID        string
	Firm      string
	URL       string
	Secret    []byte // sealed by the master key
	Kinds     []service.NotifyKind
	CreatedAt time.Time
	CreatedBy string
}

// NotifyChoice is what one administrator chose to receive by e-mail, where and in
// which language.
type NotifyChoice struct {
	Login    string
	Firm     string
	Email    string // "" receives nothing
	Language string // "fr" or "en"
	Kinds    []service.NotifyKind
}

// DeliveryStatus is where a delivery stands.
type DeliveryStatus string

// The statuses of a delivery.
const (
	DeliveryPending   DeliveryStatus = "pending"
	DeliveryDelivered DeliveryStatus = "delivered"
	DeliveryFailed    DeliveryStatus = "failed"
)

// The channels a delivery goes through.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// Delivery is one notification to one recipient: an e-mail address or a webhook.
type Delivery struct {
	ID         int64
	Firm       string
	EventID    string // service.Notification.ID
	Kind       service.NotifyKind
	Channel    string // ChannelEmail or ChannelWebhook
	Target     string // the address, or the webhook's ID
	Language   string // of an e-mail
	Payload    []byte // the service.Notification in JSON
	Status     DeliveryStatus
	Attempts   int
	CreatedAt  time.Time
	NextAt     time.Time // when it is due, while pending
	LastAt     time.Time // the last attempt
	LastResult string    // the last attempt's result: an HTTP status or an SMTP reply
}

// DeliveryAttempt is one try at a delivery.
type DeliveryAttempt struct {
	At         time.Time
	OK         bool
	HTTPStatus int    // a webhook's answer; 0 when none came
	Result     string // the SMTP reply, the HTTP status line, or why nothing answered
}
