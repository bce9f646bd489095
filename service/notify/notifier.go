package notify

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// Store is what the notifier reads and writes: the domain's store (the journal, the
// tiers, the keys nearing expiry) and the notifications'.
type Store interface {
	store.Store
	store.NotifyStore
}

// Config sets a Notifier up.
type Config struct {
	Store Store
	// Open opens a secret sealed by the master key under its label
	// (store.SMTPPasswordLabel, store.WebhookSecretLabel).
	Open func(label string, sealed []byte) ([]byte, error)
	// Seal seals a secret under its label, as Open opens it; needed only to change
	// the settings (SetSMTP, AddWebhook).
	Seal func(label string, plain []byte) []byte
	Now  func() time.Time // [time.Now]
	// HTTPClient posts the webhooks [one that follows no redirect].
	HTTPClient *http.Client
	// SMTPTLS, if set, is the TLS configuration of every SMTP exchange (a test's CA).
	SMTPTLS *tls.Config
	// PublicOnly refuses webhooks and SMTP servers on loopback and private networks
	// too (dialguard.go); link-local addresses are refused always.
	PublicOnly bool
	Log        *slog.Logger // [slog.Default()]
}

// Notifier enqueues and delivers a firm's notifications.
type Notifier struct {
	cfg Config
	st  Store
	now func() time.Time
	log *slog.Logger

	// told holds the IDs of the expiry notifications this replica has enqueued, so
	// that a key inside its window is not enqueued again every round (the store
	// would refuse it anyway); forgotten whole past maxTold.
	mu   sync.Mutex
	told map[string]bool
}

// maxTold bounds Notifier.told.
const maxTold = 100_000

// wasTold reports whether this replica enqueued the notification id already.
func (n *Notifier) wasTold(id string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.told[id]
}

// markTold records that id was enqueued.
func (n *Notifier) markTold(id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.told == nil || len(n.told) >= maxTold {
		n.told = map[string]bool{}
	}
	n.told[id] = true
}

// New returns a Notifier.
func New(cfg Config) *Notifier {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = nil // the guard judges the receiver's address, not a proxy's
		t.DialContext = guardedDialer(cfg.PublicOnly)
		cfg.HTTPClient = &http.Client{Transport: t, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return &Notifier{cfg: cfg, st: cfg.Store, now: cfg.Now, log: cfg.Log}
}

// lease is how long a claimed delivery is one replica's: longer than an attempt can
// last (mailTimeout, webhookTimeout), as deliveries are claimed only when attempted.
const lease = 2 * time.Minute

// parallel is how many deliveries are attempted at once.
const parallel = 4

// Deliver attempts the deliveries due now, at most limit, and records each attempt:
// delivered, to retry (NextAttempt), or failed. It claims them a few at a time, as
// many as it attempts at once, so that no lease runs out while a delivery waits its
// turn (another replica would then send it too). It returns how many it attempted.
func (n *Notifier) Deliver(ctx context.Context, limit int) (int, error) {
	done := 0
	for done < limit && ctx.Err() == nil {
		ds, err := n.st.ClaimDeliveries(ctx, n.now(), lease, min(parallel, limit-done))
		if err != nil || len(ds) == 0 {
			return done, err
		}
		var wg sync.WaitGroup
		for _, d := range ds {
			wg.Go(func() { n.deliver(ctx, d) })
		}
		wg.Wait()
		done += len(ds)
	}
	return done, nil
}

// deliver makes one attempt of d and records it.
func (n *Notifier) deliver(ctx context.Context, d store.Delivery) {
	a, final := n.attempt(ctx, d)
	next := time.Time{}
	if !a.OK && !final {
		next = NextAttempt(d.Attempts+1, a.At)
	}
	got, err := n.st.RecordAttempt(context.WithoutCancel(ctx), d.ID, a, next)
	switch {
	case err != nil:
		n.log.Error("recording a notification attempt", "delivery", d.ID, "err", err)
	case got.Status == store.DeliveryFailed:
		n.log.Warn("notification failed", "delivery", d.ID, "channel", d.Channel, "kind", d.Kind, "attempts", got.Attempts, "result", a.Result)
	case !a.OK:
		n.log.Info("notification to retry", "delivery", d.ID, "channel", d.Channel, "kind", d.Kind, "next", next, "result", a.Result)
	}
}

// errGone: the webhook was removed since the delivery was enqueued.
var errGone = errors.New("webhook removed")

// attempt sends d once; final is set when retrying cannot help.
func (n *Notifier) attempt(ctx context.Context, d store.Delivery) (store.DeliveryAttempt, bool) {
	var ev service.Notification
	if err := json.Unmarshal(d.Payload, &ev); err != nil {
		return store.DeliveryAttempt{At: n.now(), Result: "unreadable notification"}, true
	}
	var a store.DeliveryAttempt
	var err error
	switch d.Channel {
	case store.ChannelEmail:
		a.Result, err = n.sendEmail(ctx, d, ev)
	case store.ChannelWebhook:
		a.HTTPStatus, a.Result, err = n.postWebhook(ctx, d)
	default:
		err = errors.New("unknown channel " + d.Channel)
	}
	a.At, a.OK = n.now(), err == nil
	if err != nil && a.Result == "" {
		a.Result = err.Error()
	}
	return a, errors.Is(err, errGone)
}

// sendEmail sends d's e-mail through its firm's SMTP server.
func (n *Notifier) sendEmail(ctx context.Context, d store.Delivery, ev service.Notification) (string, error) {
	srv, err := n.smtpServer(ctx, d.Firm)
	if err != nil {
		return "", err
	}
	subject, text, html := Render(ev, Language(d.Language))
	return SendMail(ctx, srv, Mail{To: d.Target, Subject: subject, Text: text, HTML: html, ID: fmt.Sprintf("delivery-%d", d.ID)})
}

// smtpServer is a firm's SMTP server with its password opened.
func (n *Notifier) smtpServer(ctx context.Context, firm string) (SMTPServer, error) {
	c, err := n.st.SMTP(ctx, firm)
	if err != nil {
		return SMTPServer{}, err
	}
	pw, err := n.cfg.Open(store.SMTPPasswordLabel(firm), c.Password)
	if err != nil {
		return SMTPServer{}, err
	}
	return SMTPServer{Host: c.Host, Port: c.Port, StartTLS: c.StartTLS, User: c.User, Password: string(pw), From: c.From, TLS: n.cfg.SMTPTLS,
		Dial: guardedDialer(n.cfg.PublicOnly)}, nil
}

// postWebhook posts d to its webhook, signed with the webhook's secret.
func (n *Notifier) postWebhook(ctx context.Context, d store.Delivery) (int, string, error) {
	w, err := n.st.Webhook(ctx, d.Target)
	if service.ErrorCode(err) == service.ENOTFOUND {
		return 0, "", errGone
	}
	if err != nil {
		return 0, "", err
	}
	secret, err := n.cfg.Open(store.WebhookSecretLabel(w.ID), w.Secret)
	if err != nil {
		return 0, "", err
	}
	return PostWebhook(ctx, n.cfg.HTTPClient, w.URL, secret, d.Payload, string(d.Kind), d.EventID, n.now())
}
