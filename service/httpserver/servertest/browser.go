package servertest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// browser is a user agent with cookies. Over TLS it trusts the certificate the
// server presents at the time (certDER), as the user's browser would once told to.
type browser struct{ client *http.Client }

func newBrowser(certDER func() []byte) (*browser, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true, VerifyConnection: func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, certDER()) {
			return errors.New("test browser: not the certificate the server was given")
		}
		return nil
	}}
	return &browser{client: &http.Client{Jar: jar, Transport: tr}}, nil
}

// signIn loads the login page, fills the form's login and password fields, posts it
// to its action (or back to the page) and follows the redirects to the end.
func (b *browser) signIn(authURL, login, password string) error {
	resp, err := b.client.Get(authURL)
	if err != nil {
		return fmt.Errorf("login page: %w", err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("login page: status %d", resp.StatusCode)
	}
	action, values, err := firstForm(string(page))
	if err != nil {
		return err
	}
	values.Set("login", login)
	values.Set("password", password)
	target, _ := url.Parse(authURL)
	if action != "" {
		if target, err = target.Parse(action); err != nil {
			return err
		}
	}
	resp, err = b.client.PostForm(target.String(), values)
	if err != nil {
		return fmt.Errorf("submit login: %w", err)
	}
	last, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("after login: status %d", resp.StatusCode)
	}
	// The page the user then reads is the app's, on its loopback listener.
	if resp.Request.URL.Hostname() != "127.0.0.1" || !strings.Contains(string(last), "Vous pouvez fermer cet onglet") ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		return fmt.Errorf("the last page, at %s, does not say the tab can be closed, or lacks no-store and a strict CSP: %.300s", resp.Request.URL.Host, last)
	}
	return nil
}

// firstForm returns the action and input values of a page's first form.
func firstForm(page string) (string, url.Values, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", nil, err
	}
	var action string
	var values url.Values
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "form" && values == nil:
				values = url.Values{}
				action = attr(n, "action")
			case n.Data == "input" && values != nil && attr(n, "name") != "":
				values.Set(attr(n, "name"), attr(n, "value"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if values == nil {
		return "", nil, fmt.Errorf("the login page has no form")
	}
	return action, values, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
