package service

import (
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/url"
	"strings"
	"time"
)

// CertProblem says why the desktop refused the certificate of the firm's server.
type CertProblem string

// The certificate problems the desktop tells apart.
const (
	CertUnknownAuthority CertProblem = "unknown_authority" // self-signed, or the firm's own authority
	CertExpired          CertProblem = "expired"           // expired, or not yet valid
	CertWrongName        CertProblem = "wrong_name"        // issued for another name than the one typed
	CertChanged          CertProblem = "changed"           // not the certificate the administrator trusted
)

// CertificateError is the cause of an EUNAVAILABLE error when the server's certificate
// was refused: what the administrator needs to decide what to do (compare the
// fingerprint and trust it, use the address the certificate names, warn the server's
// administrator). Its Message-bearing *Error wraps it; find it with errors.As.
type CertificateError struct {
	Problem     CertProblem
	Fingerprint string    // SHA-256 of the certificate the server presented (Fingerprint format)
	Pinned      string    // the fingerprint trusted before, for CertChanged
	Names       []string  // the host names and addresses the certificate is issued for
	NotAfter    time.Time // the end of its validity
	Err         error     // the TLS library's error, for the log
}

func (e *CertificateError) Error() string {
	msg := "server certificate refused (" + string(e.Problem) + ", sha256 " + e.Fingerprint + ")"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *CertificateError) Unwrap() error { return e.Err }

// OtherAddressError is the cause of an EUNAVAILABLE error when the server answers
// under another address than the one typed (localhost for 127.0.0.1, a short host
// name): Announced is the address to use instead, already normalised.
type OtherAddressError struct {
	Typed, Announced string
}

func (e *OtherAddressError) Error() string {
	return "the server at " + e.Typed + " announces itself as " + e.Announced
}

// Fingerprint is the SHA-256 of a certificate (its DER bytes) as administrators
// compare it: upper-case hexadecimal pairs separated by colons, as browsers and
// `openssl x509 -fingerprint -sha256` show it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return formatFingerprint(sum[:])
}

func formatFingerprint(b []byte) string {
	h := strings.ToUpper(hex.EncodeToString(b))
	var sb strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// NormalizeFingerprint reads a SHA-256 fingerprint written with or without colons or
// spaces, in either case; ok is false unless it is 32 bytes of hexadecimal.
func NormalizeFingerprint(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ':' || r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return "", false
	}
	return formatFingerprint(b), true
}

// OtherAddress is the address to suggest for a CertWrongName refusal: the one typed
// with its host replaced by the first name the certificate is issued for ("" if none
// fits, such as a wildcard).
func (e *CertificateError) OtherAddress(typed string) string {
	u, err := url.Parse(typed)
	if err != nil {
		return ""
	}
	for _, n := range e.Names {
		if strings.Contains(n, "*") || n == u.Hostname() {
			continue
		}
		host := n
		if strings.Contains(n, ":") {
			host = "[" + n + "]"
		}
		if p := u.Port(); p != "" {
			host = net.JoinHostPort(n, p)
		}
		u.Host = host
		if s, err := NormalizeServerURL(u.String()); err == nil {
			return s
		}
	}
	return ""
}
