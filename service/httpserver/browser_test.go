package httpserver_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/oauth2"

	"sesame/service/httpserver"
)

// loopback is the desktop app's redirect listener (RFC 8252 §7.3) on 127.0.0.1: it
// records what the browser brought back.
type loopback struct {
	srv   *httptest.Server
	query chan url.Values
}

func newLoopback(t testing.TB) *loopback {
	t.Helper()
	l := &loopback{query: make(chan url.Values, 4)}
	l.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.query <- r.URL.Query()
		_, _ = io.WriteString(w, "Vous pouvez fermer cet onglet.")
	}))
	t.Cleanup(l.srv.Close)
	if !loopbackHost(l.srv.Listener.Addr().String()) {
		t.Fatalf("loopback listener on %s", l.srv.Listener.Addr())
	}
	return l
}

// oauthConfig is the desktop app's client configuration.
func (e *env) oauthConfig(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    httpserver.DesktopClientID,
		RedirectURL: redirect,
		Endpoint:    oauth2.Endpoint{AuthURL: e.url("/oauth2/authorize"), TokenURL: e.url("/oauth2/token")},
	}
}

// browser is a user agent with a cookie jar that does what a person does on the
// login page: load it, fill in the two fields, submit.
type browser struct {
	t      testing.TB
	client *http.Client
}

func newBrowser(t testing.TB) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, client: &http.Client{Jar: jar}}
}

// form is a parsed HTML form: its method, action and the values of its inputs.
type form struct {
	method, action string
	values         url.Values
	page           string
}

// open GETs a page and returns its status, its headers and its first form (nil if none).
func (b *browser) open(pageURL string) (int, http.Header, *form) {
	b.t.Helper()
	resp, err := b.client.Get(pageURL)
	if err != nil {
		b.t.Fatalf("GET %s: %v", pageURL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, parseForm(b.t, string(body))
}

// parseForm extracts the first form of a page as a browser would submit it.
func parseForm(t testing.TB, page string) *form {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	var f *form
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" && f == nil {
			f = &form{method: "GET", values: url.Values{}, page: page}
			for _, a := range n.Attr {
				switch a.Key {
				case "method":
					f.method = strings.ToUpper(a.Val)
				case "action":
					f.action = a.Val
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "input" && f != nil {
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
				f.values.Set(name, value)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if f != nil {
		f.page = page
	}
	return f
}

// submit posts the form from pageURL (no action: back to the same URL) and follows
// redirects; it returns the final status and page.
func (b *browser) submit(pageURL string, f *form) (int, http.Header, string) {
	b.t.Helper()
	target := pageURL
	if f.action != "" {
		u, _ := url.Parse(pageURL)
		a, _ := u.Parse(f.action)
		target = a.String()
	}
	resp, err := b.client.PostForm(target, f.values)
	if err != nil {
		b.t.Fatalf("POST %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// signIn runs the desktop app's sign-in: authorization code with S256 PKCE through
// the real login page, the browser's redirect to a loopback listener, and the code
// exchange with x/oauth2. It returns the client configuration and the tokens.
func (e *env) signIn(login, password string) (*oauth2.Config, *oauth2.Token) {
	e.t.Helper()
	lb := newLoopback(e.t)
	cfg := e.oauthConfig(lb.srv.URL + "/callback")
	verifier := oauth2.GenerateVerifier()
	state := oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	b := newBrowser(e.t)
	status, _, f := b.open(authURL)
	if status != http.StatusOK || f == nil || f.method != "POST" {
		e.t.Fatalf("login page: status %d, form %+v", status, f)
	}
	f.values.Set("login", login)
	f.values.Set("password", password)
	status, _, page := b.submit(authURL, f)
	if status != http.StatusOK {
		e.t.Fatalf("login: status %d: %s", status, page)
	}
	var q url.Values
	select {
	case q = <-lb.query:
	default:
		e.t.Fatalf("the browser never reached the loopback listener; page: %s", page)
	}
	if q.Get("state") != state || q.Get("code") == "" || q.Get("iss") != e.issuer {
		e.t.Fatalf("redirect query: state ok %v, code present %v, iss %q", q.Get("state") == state, q.Get("code") != "", q.Get("iss"))
	}
	tok, err := cfg.Exchange(context.Background(), q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		e.t.Fatalf("Exchange: %v", err)
	}
	return cfg, tok
}
