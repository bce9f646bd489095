// Package servertest runs a real sesame-server in-process for the tests of its
// clients (the remote Portal, the GUI in server mode): a real SQLite file, a firm with
// an administrator, the real OAuth2 endpoints, and a scripted browser that signs in
// through the real login page.
package servertest

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// The firm every Env holds.
const (
	Tiers     = "95963"
	TiersName = "FUTUROSCOPE CEDEX"
	Login     = "vdelhumeau"
	AdminName = "Delhumeau Vincent"
)

// Env is a running server.
type Env struct {
	URL      string // base URL, also the issuer
	Password string // the administrator's, drawn at random
	Store    *sqlite.Store
	DBPath   string
	// MasterKey seals the server's signing keys and secrets in the database.
	MasterKey *masterkey.Key
	Logs      *Logs // what the server logged
	server    *httpserver.Server
	http      *httptest.Server
	unix      *http.Server                    // ServeUnix's, if any
	cert      atomic.Pointer[tls.Certificate] // the TLS certificate presented, if any
	bodies    atomic.Pointer[Logs]            // where request bodies go, once RecordBodies is called
}

// Start runs a server until the test ends; tweak may adjust its configuration (short
// token lifetimes, say).
func Start(t testing.TB, tweak func(*httpserver.Config)) *Env {
	t.Helper()
	return start(t, tweak, nil)
}

// StartTLS runs a server over HTTPS with cert (see Certificate), its URL and issuer
// https://127.0.0.1:port; SetCertificate changes the certificate it presents.
func StartTLS(t testing.TB, cert tls.Certificate, tweak func(*httpserver.Config)) *Env {
	t.Helper()
	return start(t, tweak, &cert)
}

// SetCertificate makes a TLS server present another certificate from its next
// connection on, as after its administrator renewed it.
func (e *Env) SetCertificate(cert tls.Certificate) { e.cert.Store(&cert) }

// CertificateDER is the certificate a TLS server presents.
func (e *Env) CertificateDER() []byte {
	if c := e.cert.Load(); c != nil {
		return c.Certificate[0]
	}
	return nil
}

func start(t testing.TB, tweak func(*httpserver.Config), cert *tls.Certificate) *Env {
	t.Helper()
	ctx := context.Background()
	e := &Env{DBPath: filepath.Join(t.TempDir(), "sesame.db"), Password: "Mdp-" + rand.Text(), Logs: &Logs{}}
	st, err := sqlite.Open(ctx, e.DBPath)
	if err != nil {
		t.Fatalf("server store: %v", err)
	}
	e.Store = st
	hash, err := httpserver.HashPassword(e.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddTiers(ctx, service.Tiers{Code: Tiers, Name: TiersName}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: Login, Name: AdminName, SICCode: Tiers, Tiers: []string{Tiers}, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	if err := local.SeedCatalogue(ctx, st); err != nil {
		t.Fatal(err)
	}
	e.http = httptest.NewUnstartedServer(nil)
	e.URL = "http://" + e.http.Listener.Addr().String()
	if cert != nil {
		e.cert.Store(cert)
		e.URL = "https://" + e.http.Listener.Addr().String()
		e.http.TLS = &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			return &tls.Config{Certificates: []tls.Certificate{*e.cert.Load()}, NextProtos: []string{"h2", "http/1.1"}}, nil
		}}
	}
	if e.MasterKey, err = masterkey.Generate(); err != nil {
		t.Fatal(err)
	}
	cfg := httpserver.Config{Store: st, Issuer: e.URL, MasterKey: e.MasterKey, Logger: slog.New(slog.NewTextHandler(e.Logs, nil))}
	if tweak != nil {
		tweak(&cfg)
	}
	if e.server, err = httpserver.New(ctx, cfg); err != nil {
		t.Fatalf("server: %v", err)
	}
	e.http.Config.Handler = e.recording(Contract(t, e.server.Handler()))
	e.http.Config.ErrorLog = log.New(e.Logs, "http: ", 0) // refused handshakes, in the test's log sink
	if cert != nil {
		e.http.StartTLS()
	} else {
		e.http.Start()
	}
	t.Cleanup(func() { e.Stop(); _ = st.Close() })
	return e
}

// Attach adds a tiers attached to the firm, which its administrator then administers.
func (e *Env) Attach(t testing.TB, code, name string) {
	t.Helper()
	if err := e.Store.AddTiers(context.Background(), service.Tiers{Code: code, Name: name, AttachedTo: Tiers}); err != nil {
		t.Fatal(err)
	}
}

// Stop stops the server (idempotent): its address then refuses connections, as a
// server that went down mid-flow.
func (e *Env) Stop() {
	if e.http == nil {
		return
	}
	e.http.CloseClientConnections()
	e.http.Close()
	if e.unix != nil {
		_ = e.unix.Close() // closes its listener, which removes the socket
	}
	_ = e.server.Close(context.Background())
	e.http = nil
}

// ServeUnix serves the same server on a Unix socket too, as sesame-server serve
// --listen-unix does for a gateway on the same host, until Stop; it returns the
// socket's path.
func (e *Env) ServeUnix(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sesame.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	e.unix = httpserver.NewHTTPServer("", Contract(t, e.server.Handler()), slog.New(slog.NewTextHandler(e.Logs, nil)))
	go func() { _ = e.unix.Serve(ln) }()
	return path
}

// Browser returns what the desktop app calls to open the system browser, replaced by
// a user agent that loads the login page, fills in login and password, submits, and
// follows the redirect to the app's loopback listener.
func (e *Env) Browser(login, password string) func(authURL string) error {
	return func(authURL string) error {
		b, err := newBrowser(e.CertificateDER)
		if err != nil {
			return err
		}
		return b.signIn(authURL, login, password)
	}
}

// RenewCertificate makes a TLS server present cert and drops the connections open
// with the old one, as a restart with a new certificate does.
func (e *Env) RenewCertificate(cert tls.Certificate) {
	e.SetCertificate(cert)
	if e.http != nil {
		e.http.CloseClientConnections()
	}
}
