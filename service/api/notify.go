package api

import (
	"time"

	"sesame/service"
	"sesame/service/store"
)

// NotifyChoice is an administrator's choice of notifications: the address their
// e-mails go to ("" for none), their language ("fr", "en") and the events (types
// of service.NotifyKinds).
type NotifyChoice struct {
	Email    string   `json:"email"`
	Language string   `json:"language"`
	Events   []string `json:"events"`
}

// FromNotifyChoice is a stored choice on the wire.
func FromNotifyChoice(c store.NotifyChoice) NotifyChoice {
	return NotifyChoice{Email: c.Email, Language: c.Language, Events: kindNames(c.Kinds)}
}

// Kinds returns the events chosen as kinds.
func (c NotifyChoice) Kinds() []service.NotifyKind { return toKinds(c.Events) }

// SMTPSettings is a firm's SMTP server. The password is only ever written
// (PUT); reads say whether one is set.
type SMTPSettings struct {
	Host        string     `json:"host"`
	Port        int        `json:"port"`
	StartTLS    bool       `json:"starttls"`
	User        string     `json:"user,omitempty"`
	Password    string     `json:"password,omitempty"`
	PasswordSet bool       `json:"passwordSet"`
	From        string     `json:"from"`
	UpdatedAt   *time.Time `json:"updatedAt,omitempty"`
	UpdatedBy   string     `json:"updatedBy,omitempty"`
}

// FromSMTP is stored settings on the wire, without the password.
func FromSMTP(c store.SMTPSettings, passwordSet bool) SMTPSettings {
	at := wire(c.UpdatedAt)
	return SMTPSettings{Host: c.Host, Port: c.Port, StartTLS: c.StartTLS, User: c.User, PasswordSet: passwordSet,
		From: c.From, UpdatedAt: &at, UpdatedBy: c.UpdatedBy}
}

// SMTPTest asks for a test e-mail to To; SMTPTestResult is the server's reply.
type SMTPTest struct {
	To string `json:"to"`
}

// SMTPTestResult is the SMTP server's reply to the test e-mail.
type SMTPTestResult struct {
	Reply string `json:"reply"`
}

// NewWebhook is a webhook to add: its HTTPS address and the events it is told of
// (every event when empty).
type NewWebhook struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

// Kinds returns the events asked for as kinds.
func (w NewWebhook) Kinds() []service.NotifyKind { return toKinds(w.Events) }

// Webhook is one of a firm's webhooks. Secret is set once, in the answer that
// creates it: the receiver checks signatures with it, and it is never shown again.
type Webhook struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	CreatedAt time.Time `json:"createdAt"`
	CreatedBy string    `json:"createdBy"`
	Secret    string    `json:"secret,omitempty"`
}

// FromWebhook is a stored webhook on the wire, without its secret.
func FromWebhook(w store.Webhook) Webhook {
	return Webhook{ID: w.ID, URL: w.URL, Events: kindNames(w.Kinds), CreatedAt: wire(w.CreatedAt), CreatedBy: w.CreatedBy}
}

// Delivery is one notification to one recipient, and where it stands.
type Delivery struct {
	ID         int64      `json:"id"`
	Event      string     `json:"event"`
	Type       string     `json:"type"`
	Channel    string     `json:"channel"`
	Target     string     `json:"target"`
	Status     string     `json:"status"`
	Attempts   int        `json:"attempts"`
	CreatedAt  time.Time  `json:"createdAt"`
	NextAt     *time.Time `json:"nextAt,omitempty"`
	LastAt     *time.Time `json:"lastAt,omitempty"`
	LastResult string     `json:"lastResult,omitempty"`
	// History is every attempt, oldest first: only in GET …/deliveries/{id}.
	History []Attempt `json:"history,omitempty"`
}

// Attempt is one try at a delivery.
type Attempt struct {
	At         time.Time `json:"at"`
	OK         bool      `json:"ok"`
	HTTPStatus int       `json:"httpStatus,omitempty"`
	Result     string    `json:"result"`
}

// FromDelivery is a stored delivery on the wire, with its attempts if given.
func FromDelivery(d store.Delivery, attempts []store.DeliveryAttempt) Delivery {
	out := Delivery{ID: d.ID, Event: d.EventID, Type: string(d.Kind), Channel: d.Channel, Target: d.Target,
		Status: string(d.Status), Attempts: d.Attempts, CreatedAt: wire(d.CreatedAt), LastResult: d.LastResult}
	if !d.NextAt.IsZero() {
		t := wire(d.NextAt)
		out.NextAt = &t
	}
	if !d.LastAt.IsZero() {
		t := wire(d.LastAt)
		out.LastAt = &t
	}
	for _, a := range attempts {
		out.History = append(out.History, Attempt{At: wire(a.At), OK: a.OK, HTTPStatus: a.HTTPStatus, Result: a.Result})
	}
	return out
}

// DeliveryList is a page of deliveries, newest first.
type DeliveryList struct {
	Deliveries []Delivery `json:"deliveries"`
}

func kindNames(ks []service.NotifyKind) []string {
	out := make([]string, 0, len(ks))
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}

func toKinds(names []string) []service.NotifyKind {
	out := make([]service.NotifyKind, 0, len(names))
	for _, n := range names {
		out = append(out, service.NotifyKind(n))
	}
	return out
}
