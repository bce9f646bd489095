package desktopupdate

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// testCA is a throw-away certification authority.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newTestCA(t *testing.T, name pkix.Name) testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: name, NotBefore: time.Unix(0, 0),
		NotAfter: time.Unix(0, 0).Add(100 * 365 * 24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return testCA{c, key}
}

// issue issues a code-signing certificate for subject.
func (ca testCA) issue(t *testing.T, subject pkix.Name, serial int64) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: subject, NotBefore: time.Unix(0, 0),
		NotAfter: time.Unix(0, 0).Add(100 * 365 * 24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The publisher is a subject as certified by one authority: a renewed certificate
// of the same firm from the same authority passes; the same subject certified by
// another authority, and another subject from the same authority, fail.
func TestSamePublisherComparesSubjectAndIssuer(t *testing.T) {
	caName := pkix.Name{CommonName: "Sesame test CA", Organization: []string{"Sesame tests"}}
	firm := pkix.Name{CommonName: "Cabinet Exemple", Organization: []string{"Cabinet Exemple"}}
	ca, otherCA := newTestCA(t, caName), newTestCA(t, pkix.Name{CommonName: "Another CA"})
	running := ca.issue(t, firm, 10)
	if err := samePublisher(ca.issue(t, firm, 11), running); err != nil {
		t.Errorf("a renewed certificate from the same authority: %v", err)
	}
	for what, build := range map[string]*x509.Certificate{
		"the same subject from another authority": otherCA.issue(t, firm, 10),
		"another subject from the same authority": ca.issue(t, pkix.Name{CommonName: "Quelqu'un d'autre"}, 12),
	} {
		if err := samePublisher(build, running); err == nil {
			t.Errorf("%s passes as the same publisher", what)
		}
	}
}
