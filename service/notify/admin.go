package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net"
	"net/mail"
	"slices"
	"strings"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// The sentences of the settings' refusals.
const (
	MsgHostRequired msg.Code = "notify.smtp_host_required"
	MsgPortInvalid  msg.Code = "notify.smtp_port_invalid"
	MsgFromInvalid  msg.Code = "notify.from_invalid"
	MsgEmailInvalid msg.Code = "notify.email_invalid"
	MsgURLInvalid   msg.Code = "notify.webhook_url_invalid"
	MsgKindUnknown  msg.Code = "notify.kind_unknown"
	MsgLanguage     msg.Code = "notify.language_invalid"
	MsgTestFailed   msg.Code = "notify.smtp_test_failed"
	MsgUnreachable  msg.Code = "notify.smtp_unreachable"
	MsgNoSealer     msg.Code = "notify.no_master_key"
	MsgAuthNeedsTLS msg.Code = "notify.auth_needs_starttls"
	MsgTestSubject  msg.Code = "notify.subject_test"
	MsgTestBody     msg.Code = "notify.body_test"
)

// SMTPInput is what an administrator or the operator gives for the firm's SMTP
// server; Password is held only until it is sealed.
type SMTPInput struct {
	Host     string
	Port     int
	StartTLS bool
	User     string
	Password string
	From     string
}

// SetSMTP checks and stores a firm's SMTP settings, the password sealed by the
// master key (Config.Seal). AUTH without STARTTLS is refused: the password would
// cross the network in clear.
func (n *Notifier) SetSMTP(ctx context.Context, firm, by string, in SMTPInput) (store.SMTPSettings, error) {
	in.Host, in.User, in.From = strings.TrimSpace(in.Host), strings.TrimSpace(in.User), strings.TrimSpace(in.From)
	switch {
	case in.Host == "" || strings.ContainsAny(in.Host, " /:@"):
		return store.SMTPSettings{}, service.FieldError("host", MsgHostRequired)
	case in.Port < 1 || in.Port > 65535:
		return store.SMTPSettings{}, service.FieldError("port", MsgPortInvalid)
	case !validAddress(in.From):
		return store.SMTPSettings{}, service.FieldError("from", MsgFromInvalid)
	case in.User != "" && !in.StartTLS:
		return store.SMTPSettings{}, service.FieldError("starttls", MsgAuthNeedsTLS)
	case n.cfg.Seal == nil:
		return store.SMTPSettings{}, service.Errorf(service.EINTERNAL, MsgNoSealer, nil)
	}
	c := store.SMTPSettings{Firm: firm, Host: in.Host, Port: in.Port, StartTLS: in.StartTLS, User: in.User,
		Password: n.cfg.Seal(store.SMTPPasswordLabel(firm), []byte(in.Password)), From: in.From,
		UpdatedAt: n.now(), UpdatedBy: by}
	if err := n.st.PutSMTP(ctx, c); err != nil {
		return store.SMTPSettings{}, err
	}
	return c, nil
}

// TestSMTP sends a test e-mail to `to` now, through the firm's SMTP server, and
// returns the server's reply; a refusal is EUNAVAILABLE with the reply.
func (n *Notifier) TestSMTP(ctx context.Context, firm, to, lang string) (string, error) {
	if !validAddress(to) {
		return "", service.FieldError("to", MsgEmailInvalid)
	}
	srv, err := n.smtpServer(ctx, firm)
	if err != nil {
		return "", err
	}
	tag := Language(lang)
	text := msg.Text(MsgTestBody, tag, nil)
	reply, err := SendMail(ctx, srv, Mail{To: to, Subject: msg.Text(MsgTestSubject, tag, nil), Text: text + "\n",
		HTML: "<p>" + text + "</p>\n"})
	var netErr net.Error
	switch {
	case errors.Is(err, ErrAddressRefused) || errors.As(err, &netErr):
		// No reply came: nothing of the network is said (names, addresses, the
		// reason a connection failed), which would let an administrator map the
		// machines around the server.
		return "", service.Errorf(service.EUNAVAILABLE, MsgUnreachable, err)
	case err != nil:
		e := service.Errorf(service.EUNAVAILABLE, MsgTestFailed, err)
		e.Params = msg.Params{"Reply": err.Error()}
		return "", e
	}
	return reply, nil
}

// AddWebhook checks and stores a new webhook of the firm with a fresh signing
// secret, sealed; the secret is returned this once, for the receiver's settings.
func (n *Notifier) AddWebhook(ctx context.Context, firm, by, url string, kinds []service.NotifyKind) (store.Webhook, string, error) {
	url = strings.TrimSpace(url)
	if !ValidWebhookURL(url) {
		return store.Webhook{}, "", service.FieldError("url", MsgURLInvalid)
	}
	if err := checkKinds(kinds); err != nil {
		return store.Webhook{}, "", err
	}
	if len(kinds) == 0 {
		kinds = service.NotifyKinds
	}
	if n.cfg.Seal == nil {
		return store.Webhook{}, "", service.Errorf(service.EINTERNAL, MsgNoSealer, nil)
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	secret := "whsec_" + base64.RawURLEncoding.EncodeToString(raw)
	w := store.Webhook{ID: "wh_" + strings.ToLower(rand.Text()[:16]), Firm: firm, URL: url, Kinds: kinds, CreatedAt: n.now(), CreatedBy: by}
	w.Secret = n.cfg.Seal(store.WebhookSecretLabel(w.ID), []byte(secret))
	if err := n.st.AddWebhook(ctx, w); err != nil {
		return store.Webhook{}, "", err
	}
	return w, secret, nil
}

// SetChoice checks and stores an administrator's choices.
func (n *Notifier) SetChoice(ctx context.Context, c store.NotifyChoice) error {
	c.Email = strings.TrimSpace(c.Email)
	if c.Email != "" && !validAddress(c.Email) {
		return service.FieldError("email", MsgEmailInvalid)
	}
	if c.Language != "fr" && c.Language != "en" {
		return service.FieldError("language", MsgLanguage)
	}
	if err := checkKinds(c.Kinds); err != nil {
		return err
	}
	return n.st.PutNotifyChoice(ctx, c)
}

// checkKinds refuses a kind that is not one of service.NotifyKinds.
func checkKinds(ks []service.NotifyKind) error {
	for _, k := range ks {
		if !slices.Contains(service.NotifyKinds, k) {
			e := service.FieldError("events", MsgKindUnknown)
			e.Params = msg.Params{"Kind": string(k)}
			return e
		}
	}
	return nil
}

// validAddress reports whether s is one bare e-mail address.
func validAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}
