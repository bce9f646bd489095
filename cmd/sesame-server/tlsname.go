package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"sesame/service/msg"
)

// warnIssuerNotInCert says once, in the log and on stderr in a sentence, when the
// host of the issuer (the address the app and browsers use) is not among the names
// of the TLS certificate: they would refuse the server under that name.
func warnIssuerNotInCert(c cmdIO, log *slog.Logger, cert tls.Certificate, issuer string) {
	u, err := url.Parse(issuer)
	if err != nil || len(cert.Certificate) == 0 {
		return
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return
	}
	host := u.Hostname()
	if leaf.VerifyHostname(host) == nil {
		return
	}
	names := append([]string{}, leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	if len(names) == 0 {
		names = []string{msg.T("cli.aucun_nom", nil)}
	}
	log.Warn("the issuer's host is not in the TLS certificate", "issuer", issuer, "cert_names", strings.Join(names, ","))
	fmt.Fprintf(c.stderr, msg.T(msgIssuerNotInCert, nil)+"\n", host, strings.Join(names, ", "), host)
}
