package gui

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"golang.org/x/net/html"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/keychain"
	"sesame/service/local"
	"sesame/service/remote"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// The firm on the test server: the same names as the local flow's first start, so
// that one flow test reads the same screens in both modes.
const (
	serverLogin = "vdelhumeau"
	serverAdmin = "Delhumeau Vincent"
)

// testServer is an in-process sesame-server on a SQLite file, with the catalogue, the
// firm 95963 and its attached 12345, and one administrator.
type testServer struct {
	t        *testing.T
	st       *sqlite.Store
	srv      *httpserver.Server
	ts       *httptest.Server
	dir      string // holds the server's sesame.db
	url      string
	password string
	logs     *syncBuffer
	stopped  bool
}

// newTestServer starts a server; tweak adjusts its configuration.
func newTestServer(t *testing.T, tweak func(*httpserver.Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	s := &testServer{t: t, dir: t.TempDir(), password: "mdp-" + rand.Text(), logs: &syncBuffer{}}
	st, err := sqlite.Open(ctx, filepath.Join(s.dir, "sesame.db"))
	if err != nil {
		t.Fatalf("open server store: %v", err)
	}
	s.st = st
	if err := local.SeedCatalogue(ctx, st); err != nil {
		t.Fatal(err)
	}
	for _, tr := range []service.Tiers{
		{Code: "95963", Name: "FUTUROSCOPE CEDEX"},
		{Code: "12345", Name: "BOULANGERIE MARTIN", AttachedTo: "95963"},
	} {
		if err := st.AddTiers(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	hash, err := httpserver.HashPassword(s.password)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: serverLogin, Name: serverAdmin, SICCode: "95963", Tiers: []string{"95963"}, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	s.ts = httptest.NewUnstartedServer(nil)
	s.url = "http://" + s.ts.Listener.Addr().String()
	cfg := httpserver.Config{Store: st, Issuer: s.url, Logger: slog.New(slog.NewTextHandler(s.logs, nil))}
	if tweak != nil {
		tweak(&cfg)
	}
	if s.srv, err = httpserver.New(ctx, cfg); err != nil {
		t.Fatalf("httpserver.New: %v", err)
	}
	s.ts.Config.Handler = s.srv.Handler()
	s.ts.Start()
	t.Cleanup(func() {
		s.stop()
		if err := s.srv.Close(context.Background()); err != nil {
			t.Errorf("server Close: %v", err)
		}
		_ = st.Close()
	})
	return s
}

// stop makes the server stop answering, as if it had been shut down.
func (s *testServer) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// testKeychain is the real OS keychain (gnome-keyring under make test), under a
// service name of the test's own, emptied at the end.
func testKeychain(t *testing.T, s *testServer) keychain.OS {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through `make test` or scripts/with-test-services, which start dbus-run-session and gnome-keyring")
	}
	kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + t.Name()}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), s.url) })
	return kc
}

// startServerHarness starts the app in server mode on s, with kc as its keychain
// and, as its browser, an HTTP client that signs in as the administrator.
func startServerHarness(t *testing.T, s *testServer, kc keychain.Keychain) *harness {
	t.Helper()
	newSession := func(ctx context.Context, serverURL string) (service.ServerSession, error) {
		sess, err := remote.NewSession(ctx, serverURL, kc)
		if err != nil {
			return nil, err
		}
		return sess, nil
	}
	h := launch(t, t.TempDir(), newSession, func(p fyne.Preferences) {
		p.SetString(prefMode, modeServer)
		p.SetString(prefServerURL, s.url)
	})
	h.server, h.kc = s, kc
	h.browser = &testBrowser{t: t, login: serverLogin, password: s.password, opened: make(chan string, 8)}
	h.u.openURL = h.browser.open
	return h
}

// newServerHarness starts a server and the app on it, and signs in.
func newServerHarness(t *testing.T) *harness {
	t.Helper()
	s := newTestServer(t, nil)
	h := startServerHarness(t, s, testKeychain(t, s))
	h.signIn()
	return h
}

// signIn presses Enter on the sign-in screen; the browser signs in.
func (h *harness) signIn() {
	h.t.Helper()
	s := h.u.signin
	if s == nil {
		h.t.Fatalf("no sign-in screen; window %q", h.win.Title())
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.wait()
	if h.u.prof == nil {
		h.t.Fatalf("the profile is not shown after signing in; the screen says %q", s.status.Text)
	}
}

// testBrowser stands for the system browser: it loads the login page the app opens,
// fills in the login form and follows the redirect to the app's loopback listener.
type testBrowser struct {
	t               *testing.T
	login, password string
	idle            bool        // opens pages but does nothing (the user walks away)
	opened          chan string // the pages the app opened
}

// open is the app's openURL.
func (b *testBrowser) open(authURL string) error {
	select {
	case b.opened <- authURL:
	default:
	}
	if b.idle {
		return nil
	}
	if err := b.signIn(authURL); err != nil {
		b.t.Errorf("browser: %v", err)
	}
	return nil
}

// signIn GETs the login page, posts its form with the login and password, follows
// the redirect to the loopback listener and checks the page the user then reads.
func (b *testBrowser) signIn(authURL string) error {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(authURL)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("login page: %s", resp.Status)
	}
	fields, err := formFields(string(body))
	if err != nil {
		return err
	}
	fields.Set("login", b.login)
	fields.Set("password", b.password)
	resp, err = client.PostForm(authURL, fields)
	if err != nil {
		return err
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Hostname() != "127.0.0.1" {
		return fmt.Errorf("after the login form: %s at %s", resp.Status, resp.Request.URL.Host)
	}
	if !strings.Contains(string(body), "Vous pouvez fermer cet onglet") ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		return errors.New("the loopback's last page does not say the tab can be closed, or lacks no-store and a strict CSP")
	}
	return nil
}

// formFields are the inputs of a page's form with their values (the hidden ones).
func formFields(page string) (url.Values, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, err
	}
	v := url.Values{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" {
			var name, value string
			for _, a := range n.Attr {
				switch a.Key {
				case "name":
					name = a.Val
				case "value":
					value = a.Val
				}
			}
			if name != "" {
				v.Set(name, value)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if v.Get("csrf_token") == "" {
		return nil, errors.New("the login page has no form with its CSRF field")
	}
	return v, nil
}

// forEachBackend runs a test of the whole flow on the local store and on the firm's
// server, each time from the profile of a firm 95963 FUTUROSCOPE CEDEX administered
// by Delhumeau Vincent.
func forEachBackend(t *testing.T, test func(t *testing.T, h *harness)) {
	t.Run("local", func(t *testing.T) {
		h := newHarness(t)
		h.setUpFirm()
		test(t, h)
	})
	t.Run("server", func(t *testing.T) {
		test(t, newServerHarness(t))
	})
}

// attachBoulangerie makes 12345 BOULANGERIE MARTIN, attached to the firm, one of the
// profile's tiers: through the form in local mode; on the server it is there already
// (tiers are managed from the server's command line).
func (h *harness) attachBoulangerie() {
	h.t.Helper()
	if a := h.u.prof.attach; a != nil {
		typeInto(a.code, "12345")
		typeInto(a.name, "BOULANGERIE MARTIN")
		h.tap(a.submit)
	}
	if !textIn(h.u.prof.tiers, "12345 BOULANGERIE MARTIN — rattaché à 95963 FUTUROSCOPE CEDEX") {
		h.t.Fatal("the profile does not list 12345 BOULANGERIE MARTIN")
	}
}

// assertNoToken fails if the refresh token in the keychain is anywhere else: in the
// preferences or the app's log. Nothing to check in local mode.
func (h *harness) assertNoToken() {
	h.t.Helper()
	if h.kc == nil {
		return
	}
	token, err := h.kc.Get(context.Background(), h.server.url)
	if err != nil || token == "" {
		h.t.Fatalf("no refresh token in the keychain while signed in (%v)", err)
	}
	if p, ok := h.app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		p.ReadValues(func(m map[string]any) {
			for k, v := range m {
				if s, ok := v.(string); ok && strings.Contains(s, token) {
					h.t.Errorf("preference %q holds the refresh token", k)
				}
			}
		})
	}
	if strings.Contains(h.log.String(), token) {
		h.t.Error("the app's log holds the refresh token")
	}
}
