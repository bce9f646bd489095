package notify_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"sesame/service"
	"sesame/service/masterkey"
	"sesame/service/notify"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// selfSigned returns a server certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// received is one message the test's SMTP server accepted.
type received struct {
	From, To, User string
	TLS            bool
	Data           string
}

// smtpServer is a real SMTP server (go-smtp) on 127.0.0.1 that offers STARTTLS and,
// only over TLS, AUTH PLAIN for one account; it refuses mail while down is set.
type smtpServer struct {
	Port       int
	user, pass string
	mu         sync.Mutex
	msgs       []received
	down       bool
}

func startSMTP(t *testing.T, cert tls.Certificate, user, pass string) *smtpServer {
	t.Helper()
	s := &smtpServer{user: user, pass: pass}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s, c: c}, nil }))
	srv.Domain = "localhost"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

func (s *smtpServer) setDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

type smtpSession struct {
	s    *smtpServer
	c    *smtp.Conn
	user string
	cur  received
}

func (ss *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.user || pass != ss.s.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication failed"}
		}
		ss.user = user
		return nil
	}), nil
}

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	ss.s.mu.Lock()
	down := ss.s.down
	ss.s.mu.Unlock()
	if down {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	_, tlsOn := ss.c.TLSConnectionState()
	ss.cur = received{From: from, User: ss.user, TLS: tlsOn}
	return nil
}

func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.cur.To = to
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.cur.Data = string(b)
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, ss.cur)
	ss.s.mu.Unlock()
	return nil
}

func (ss *smtpSession) Reset()        { ss.cur = received{} }
func (ss *smtpSession) Logout() error { return nil }

// clock is a fake clock the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// firm is a server's store with a firm (95963, with 10042 attached) and two
// administrators, and the master key its secrets are sealed with.
type firm struct {
	st *sqlite.Store
	mk *masterkey.Key
}

func newFirm(t *testing.T) firm {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sesame.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	mk, err := masterkey.Generate()
	if err != nil {
		t.Fatal(err)
	}
	seedFirm(t, st)
	return firm{st: st, mk: mk}
}

// seedFirm stores the firm's tiers, catalogue and administrators.
func seedFirm(t *testing.T, st interface {
	store.Store
	store.NotifyStore
}) {
	t.Helper()
	ctx := context.Background()
	for _, tr := range []service.Tiers{{Code: "95963", Name: "FUTUROSCOPE"}, {Code: "10042", Name: "SARL L'Élève", AttachedTo: "95963"}, {Code: "77001", Name: "AUTRE"}} {
		if err := st.AddTiers(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutCatalogue(ctx, service.Catalogue{Categories: []string{"Services en ligne"}, Entries: []service.CatalogueEntry{
		{ID: "loop-apikey", Name: "Loop APIkey", Category: "Services en ligne", AcceptsKeys: true}}}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []store.Admin{
		{Login: "zmartin", Name: "Martin Zoé", SICCode: "95963", Tiers: []string{"95963"}},
		{Login: "jsmith", Name: "Smith John", SICCode: "95963", Tiers: []string{"95963"}},
		{Login: "autre", Name: "Autre", SICCode: "77001", Tiers: []string{"77001"}},
	} {
		if err := st.PutAdmin(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
}

// open opens what f.mk sealed.
func (f firm) open(label string, sealed []byte) ([]byte, error) { return f.mk.Open(label, sealed) }

// notifier returns a Notifier on f at the clock's time.
func (f firm) notifier(c *clock, tlsPool *x509.CertPool) *notify.Notifier {
	return notify.New(notify.Config{Store: f.st, Open: f.open, Now: c.Now, SMTPTLS: &tls.Config{RootCAs: tlsPool, ServerName: "127.0.0.1"}})
}
