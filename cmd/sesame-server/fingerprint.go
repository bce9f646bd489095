package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"

	"sesame/service"
	"sesame/service/msg"
)

const fingerprintSynopsis msg.Code = "cli.tls_fingerprint_tls_cert_fichier"

// tlsFingerprintCmd prints the SHA-256 fingerprint of the server's certificate.
func tlsFingerprintCmd(_ context.Context, c cmdIO, args []string) error {
	fs := newFlags("tls fingerprint")
	certFile := fs.String("tls-cert", "", msg.T("cli.certificat_tls_pem", nil))
	rest, err := parse(fs, c, msg.T(fingerprintSynopsis, nil), args)
	if err != nil {
		return err
	}
	if *certFile == "" && len(rest) == 1 {
		*certFile, rest = rest[0], nil
	}
	if len(rest) > 0 {
		return usagef(msg.T("cli.argument_inattendu", nil), rest[0])
	}
	if err := required(fs, "tls-cert"); err != nil {
		return err
	}
	data, err := os.ReadFile(*certFile)
	if err != nil {
		return fmt.Errorf(msg.T("cli.certificat_tls", nil), err)
	}
	fp, err := pemFingerprint(data)
	if err != nil {
		return fmt.Errorf(msg.T("cli.certificat_tls_fichier", nil), *certFile, err)
	}
	fmt.Fprintln(c.stdout, fp)
	return nil
}

// pemFingerprint is the fingerprint of the first certificate of a PEM file.
func pemFingerprint(data []byte) (string, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return "", fmt.Errorf("%s", msg.T("cli.aucun_certificat_pem", nil))
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return "", fmt.Errorf(msg.T("cli.certificat_illisible", nil), err)
		}
		return service.Fingerprint(block.Bytes), nil
	}
}
