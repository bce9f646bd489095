package service_test

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"sesame/service"
)

func TestFingerprintAsAdministratorsCompareIt(t *testing.T) {
	der := []byte("a certificate")
	fp := service.Fingerprint(der)
	sum := sha256.Sum256(der)
	var pairs []string
	for _, b := range sum {
		pairs = append(pairs, fmt.Sprintf("%02X", b))
	}
	if fp != strings.Join(pairs, ":") {
		t.Fatalf("Fingerprint = %q", fp)
	}
	for _, in := range []string{fp, strings.ToLower(fp), strings.ReplaceAll(fp, ":", ""), strings.ReplaceAll(fp, ":", " "), " " + fp + "\n"} {
		if got, ok := service.NormalizeFingerprint(in); !ok || got != fp {
			t.Errorf("NormalizeFingerprint(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "AB:CD", fp[:len(fp)-3], fp + ":00", strings.Replace(fp, fp[:2], "ZZ", 1)} {
		if _, ok := service.NormalizeFingerprint(in); ok {
			t.Errorf("NormalizeFingerprint(%q) accepted", in)
		}
	}
}

func TestOtherAddressOfACertificate(t *testing.T) {
	for _, tc := range []struct {
		names       []string
		typed, want string
	}{
		{[]string{"127.0.0.1"}, "https://localhost:8443", "https://127.0.0.1:8443"},
		{[]string{"sesame.cabinet.fr"}, "https://sesame", "https://sesame.cabinet.fr"},
		{[]string{"*.cabinet.fr", "sesame", "sesame.cabinet.fr"}, "https://sesame", "https://sesame.cabinet.fr"},
		{[]string{"::1"}, "https://localhost:9000/", "https://[::1]:9000"},
		{[]string{"*.cabinet.fr"}, "https://sesame", ""},
	} {
		e := &service.CertificateError{Problem: service.CertWrongName, Names: tc.names}
		if got := e.OtherAddress(tc.typed); got != tc.want {
			t.Errorf("%v from %s: %q, want %q", tc.names, tc.typed, got, tc.want)
		}
	}
}
