package remote

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"testing"
	"time"

	"sesame/service"
)

// issue makes a certificate for tmpl signed by parent's key (self-signed if parent
// is nil).
func issue(t *testing.T, tmpl *x509.Certificate, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c, key
}

// The verification without a pin is the system's: a chain to a trusted authority
// (here a pool standing for the system's store, where a firm installs its own
// authority) that names the host passes; the same certificate with no trusted
// authority, or for another host, is refused as such; a pin replaces all of it.
func TestTrustIsTheSystemsUntilPinned(t *testing.T) {
	now := time.Now()
	ca, caKey := issue(t, &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Autorité du cabinet"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}, nil, nil)
	leaf, _ := issue(t, &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "sesame"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, ca, caKey)
	store := x509.NewCertPool()
	store.AddCert(ca)
	cs := tls.ConnectionState{PeerCertificates: []*x509.Certificate{leaf}}
	problem := func(err error) service.CertProblem {
		var ce *service.CertificateError
		if errors.As(err, &ce) {
			return ce.Problem
		}
		return ""
	}

	if err := (&trust{host: "127.0.0.1", roots: store}).verify(cs); err != nil {
		t.Fatalf("a chain to a trusted authority is refused: %v", err)
	}
	if p := problem((&trust{host: "127.0.0.1"}).verify(cs)); p != service.CertUnknownAuthority {
		t.Fatalf("without the authority: %q", p)
	}
	if p := problem((&trust{host: "localhost", roots: store}).verify(cs)); p != service.CertWrongName {
		t.Fatalf("for another host: %q", p)
	}
	pinned := &trust{host: "127.0.0.1", roots: store}
	pinned.setPin(service.Fingerprint(ca.Raw)) // another certificate than the one presented
	if p := problem(pinned.verify(cs)); p != service.CertChanged {
		t.Fatalf("pinned to another certificate, even a trusted chain must be refused: %q", p)
	}
}
