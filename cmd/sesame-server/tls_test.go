package main_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serve with --tls-cert and --tls-key answers over HTTPS only, with an https issuer
// and HSTS.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	cmd, line, _ := startServeLine(t, "serve", "--db", initDB(t, filepath.Join(dir, "sesame.db")), "--listen", "127.0.0.1:0",
		"--tls-cert", certFile, "--tls-key", keyFile)
	base := listeningRE.FindStringSubmatch(line)[2]
	// The fingerprint the desktop shows before trusting the certificate is in the
	// start-up log and in the output of `tls fingerprint`, the same.
	pemBytes, _ := os.ReadFile(certFile)
	block, _ := pem.Decode(pemBytes)
	sum := sha256.Sum256(block.Bytes)
	var pairs []string
	for _, b := range sum {
		pairs = append(pairs, fmt.Sprintf("%02X", b))
	}
	want := strings.Join(pairs, ":")
	if !strings.Contains(line, "cert_sha256="+want) {
		t.Errorf("the start-up log does not give the certificate's SHA-256 fingerprint %s:\n%s", want, line)
	}
	if r := sesame(t, "", "tls", "fingerprint", "--tls-cert", certFile); r.code != 0 || r.stdout != want+"\n" {
		t.Errorf("tls fingerprint: exit %d, stdout %q, stderr %q; want %s", r.code, r.stdout, r.stderr, want)
	}
	oneLineError(t, sesame(t, "", "tls", "fingerprint", "--tls-cert", keyFile), 1, "aucun certificat PEM")
	oneLineError(t, sesame(t, "", "tls", "fingerprint"), 2, "--tls-cert est obligatoire")
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("issuer %q", base)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(base + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Strict-Transport-Security") == "" || resp.TLS == nil {
		t.Fatalf("https: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	// Plain HTTP on the TLS port gets no API.
	plain := strings.Replace(base, "https://", "http://", 1)
	if resp, err := http.Get(plain + "/.well-known/jwks.json"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Fatal("the TLS port answered plain HTTP")
		}
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns a pool
// that trusts it.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sesame test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(priv)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// serve warns once, in the log and in a sentence, when the issuer's host is not in
// the certificate; a browser refusing the self-signed certificate, visit after visit,
// is logged at DEBUG only, not as a WARN line each time.
func TestServeTLSWarnings(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir) // for 127.0.0.1 only
	cmd, line, rest := startServeLine(t, "serve", "--db", initDB(t, filepath.Join(dir, "sesame.db")), "--listen", "127.0.0.1:0",
		"--tls-cert", certFile, "--tls-key", keyFile, "--issuer", "https://sesame.cabinet.example", "--debug", "--drain-delay", "0s")
	addr := listeningRE.FindStringSubmatch(line)[1]
	for range 3 { // a browser that does not trust the certificate yet
		if c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "127.0.0.1"}); err == nil {
			c.Close()
			t.Fatal("a client without the certificate completed a handshake")
		}
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	log := stopServe(t, cmd, rest)
	var handshakes, warns, sentences int
	for _, l := range strings.Split(log, "\n") {
		switch {
		case strings.Contains(l, "TLS handshake error") && strings.Contains(l, "level=WARN"):
			t.Errorf("a failed handshake logged as a warning: %s", l)
		case strings.Contains(l, "TLS handshake error") && strings.Contains(l, "level=DEBUG"):
			handshakes++
		case strings.Contains(l, "level=WARN") && strings.Contains(l, "issuer's host is not in the TLS certificate") && strings.Contains(l, "cert_names=127.0.0.1"):
			warns++
		case strings.HasPrefix(l, "Attention : le certificat TLS n'est pas établi pour sesame.cabinet.example, l'hôte de --issuer (il nomme : 127.0.0.1)"):
			sentences++
		}
	}
	if handshakes != 3 || warns != 1 || sentences != 1 {
		t.Fatalf("%d failed handshakes at DEBUG (want 3), %d warnings and %d sentences about the issuer's host (want 1 each); log:\n%s",
			handshakes, warns, sentences, log)
	}
}
