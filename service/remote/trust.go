package remote

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// trust is the TLS policy of a session with one server: the system's authorities
// (on Windows and macOS, the system's own verifier), or, once the administrator has
// pinned it, exactly one certificate. Verification is done here rather than by
// crypto/tls so that a refusal carries what the administrator needs to decide (the
// certificate's fingerprint, the names it is issued for), and so that the pin can
// change while the app runs.
type trust struct {
	host  string         // the server's host name or address, which the certificate must name
	roots *x509.CertPool // nil: the system's

	mu  sync.Mutex
	pin string // the pinned fingerprint (service.Fingerprint), or ""
}

func (t *trust) setPin(fp string) {
	t.mu.Lock()
	t.pin = fp
	t.mu.Unlock()
}

func (t *trust) pinned() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pin
}

// verify is the tls.Config's VerifyConnection: a pinned certificate must be the very
// one presented; otherwise the chain must lead to a trusted authority and name the host.
func (t *trust) verify(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("tls: the server presented no certificate")
	}
	leaf := cs.PeerCertificates[0]
	fp := service.Fingerprint(leaf.Raw)
	if pin := t.pinned(); pin != "" {
		if fp == pin {
			return nil
		}
		return certError(service.CertChanged, leaf, pin, errors.New("certificate differs from the pinned one"))
	}
	opts := x509.VerifyOptions{DNSName: t.host, Roots: t.roots, Intermediates: x509.NewCertPool()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := leaf.Verify(opts)
	if err == nil {
		return nil
	}
	var invalid x509.CertificateInvalidError
	var name x509.HostnameError
	switch {
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return certError(service.CertExpired, leaf, "", err)
	case errors.As(err, &name):
		return certError(service.CertWrongName, leaf, "", err)
	default: // an unknown authority, or a chain the system will not accept
		return certError(service.CertUnknownAuthority, leaf, "", err)
	}
}

func certError(p service.CertProblem, leaf *x509.Certificate, pin string, err error) *service.CertificateError {
	names := append([]string(nil), leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	return &service.CertificateError{Problem: p, Fingerprint: service.Fingerprint(leaf.Raw), Pinned: pin,
		Names: names, NotAfter: leaf.NotAfter, Err: err}
}

// newHTTPClient returns the client of a session: the default transport's settings
// (proxy from the environment, HTTP/2), with t's verification.
func newHTTPClient(t *trust) (*http.Client, *http.Transport) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{
		MinVersion: tls.VersionTLS12,
		// Verification is not skipped: VerifyConnection does it, with the system's
		// authorities or the pin (see trust).
		InsecureSkipVerify: true,
		VerifyConnection:   t.verify,
	}
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Timeout: RequestTimeout, Transport: acceptLanguage{tr}}, tr
}

// acceptLanguage sends the app's language with every request (Accept-Language), so
// that the server's sentences (problem details, pages) come in it.
type acceptLanguage struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (a acceptLanguage) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Accept-Language") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Accept-Language", msg.Language().String())
	}
	return a.next.RoundTrip(r)
}

// certMessage is the sentence for a refused certificate.
func certMessage(p service.CertProblem) msg.Code {
	switch p {
	case service.CertExpired:
		return service.MsgCertExpired
	case service.CertWrongName:
		return service.MsgCertWrongName
	case service.CertChanged:
		return service.MsgCertChanged
	}
	return service.MsgCertUnknownAuthority
}
