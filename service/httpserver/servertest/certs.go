package servertest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"testing"
	"time"
)

// CertSpec describes a self-signed server certificate for a test: the names and
// addresses it is issued for, and its validity.
type CertSpec struct {
	Names     []string // host names or IP addresses; default 127.0.0.1
	NotBefore time.Time
	NotAfter  time.Time // default: a day after NotBefore
}

// Certificate makes a self-signed certificate as a firm would for its own server
// (openssl req -x509): no authority anyone's computer trusts.
func Certificate(t testing.TB, spec CertSpec) tls.Certificate {
	t.Helper()
	if len(spec.Names) == 0 {
		spec.Names = []string{"127.0.0.1"}
	}
	if spec.NotBefore.IsZero() {
		spec.NotBefore = time.Now().Add(-time.Hour)
	}
	if spec.NotAfter.IsZero() {
		spec.NotAfter = spec.NotBefore.Add(25 * time.Hour)
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: spec.Names[0], Organization: []string{"Cabinet de test"}},
		NotBefore: spec.NotBefore, NotAfter: spec.NotAfter,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range spec.Names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: priv, Leaf: leaf}
}
