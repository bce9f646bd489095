package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"time"

	"github.com/wneessen/go-mail"
)

// SMTPServer is a firm's SMTP server with its password opened: what an e-mail is
// sent through. It lives only while a delivery is made.
type SMTPServer struct {
	Host     string
	Port     int
	StartTLS bool
	User     string
	Password string
	From     string
	// TLS, if set, replaces the default TLS configuration (a test's own CA).
	TLS *tls.Config
	// Dial, if set, opens the connection (the notifier's guarded dialer).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Mail is one e-mail: plain text and the same in HTML.
type Mail struct {
	To, Subject, Text, HTML string
	ID                      string // the Message-ID's left part: the delivery's
}

// mailTimeout bounds one SMTP exchange, each command and the whole: a server that
// hangs holds up nothing longer.
const mailTimeout = 30 * time.Second

// SendMail sends m through srv: STARTTLS required when srv.StartTLS, AUTH (the best
// mechanism the server offers) when srv.User is set. It returns the server's reply
// to the message, or an error that carries the reply refusing it. Neither holds the
// password.
func SendMail(ctx context.Context, srv SMTPServer, m Mail) (string, error) {
	opts := []mail.Option{mail.WithPort(srv.Port), mail.WithTimeout(mailTimeout), mail.WithTLSPolicy(mail.NoTLS)}
	if srv.StartTLS {
		opts[2] = mail.WithTLSPolicy(mail.TLSMandatory)
	}
	if srv.TLS != nil {
		opts = append(opts, mail.WithTLSConfig(srv.TLS))
	}
	if srv.Dial != nil {
		opts = append(opts, mail.WithDialContextFunc(srv.Dial))
	}
	if srv.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(srv.User), mail.WithPassword(srv.Password))
	}
	ctx, cancel := context.WithTimeout(ctx, mailTimeout)
	defer cancel()
	c, err := mail.NewClient(srv.Host, opts...)
	if err != nil {
		return "", fmt.Errorf("smtp client: %w", err)
	}
	msg := mail.NewMsg()
	if err := msg.From(srv.From); err != nil {
		return "", fmt.Errorf("sender address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return "", fmt.Errorf("recipient address: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	if m.ID != "" {
		msg.SetMessageIDWithValue(m.ID + "@sesame")
	} else {
		msg.SetMessageID()
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return "", err
	}
	return msg.ServerResponse(), nil
}
