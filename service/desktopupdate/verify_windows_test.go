package desktopupdate

import (
	"bytes"
	"crypto/x509"
	"os"
	"testing"
)

// Run under Wine by test/wine's TestPackagesUnderWine, which signs a copy of a small
// program with a throw-away authority's certificate (osslsigncode, as scripts/sign-exe signs
// releases) and names it in SESAME_SIGNED_EXE: the signer is read back from the
// signature, an unsigned file has none, and an unsigned running program (this test)
// checks no publisher. That the same publisher passes needs a certificate Windows
// trusts, which no test here has: not tested.
func TestSignerOfSignedAndUnsignedFiles(t *testing.T) {
	signed := os.Getenv("SESAME_SIGNED_EXE")
	if signed == "" {
		t.Fatal("SESAME_SIGNED_EXE names no signed program: run through test/wine")
	}
	c, err := signer(signed)
	if err != nil || c == nil || c.Subject.CommonName != "Sesame throw-away test signer" {
		t.Fatalf("signer(%s) = %v, %v; want the throw-away test signer", signed, c, err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if c, err := signer(self); err != nil || c != nil {
		t.Fatalf("signer of the unsigned test program = %v, %v; want none", c, err)
	}
	// An unsigned running program compares no publisher: only the SHA-256 stands.
	if err := VerifyPublisher(signed); err != nil {
		t.Fatalf("VerifyPublisher from an unsigned program: %v", err)
	}
}

// Run under Wine by test/wine's TestPackagesUnderWine, which signs copies of a small
// program with certificates of the same subject: two from one throw-away authority,
// one from another. The signers read back from the signatures are the same publisher
// for the first two only. (VerifyPublisher as a whole needs an authority Windows
// trusts, which no test here has.)
func TestSameSubjectFromAnotherAuthorityIsAnotherPublisher(t *testing.T) {
	read := func(env string) *x509.Certificate {
		t.Helper()
		path := os.Getenv(env)
		if path == "" {
			t.Fatalf("%s names no signed program: run through test/wine", env)
		}
		c, err := signer(path)
		if err != nil || c == nil {
			t.Fatalf("signer(%s) = %v, %v", path, c, err)
		}
		return c
	}
	first, renewed, other := read("SESAME_SIGNED_EXE"), read("SESAME_SIGNED_EXE_RENEWED"), read("SESAME_SIGNED_EXE_OTHER_CA")
	if !bytes.Equal(first.RawSubject, other.RawSubject) || bytes.Equal(first.Raw, renewed.Raw) {
		t.Fatalf("the test's certificates: subjects %q and %q, renewed certificate the same %v",
			first.Subject, other.Subject, bytes.Equal(first.Raw, renewed.Raw))
	}
	if err := samePublisher(renewed, first); err != nil {
		t.Errorf("a certificate renewed by the same authority: %v", err)
	}
	if err := samePublisher(other, first); err == nil {
		t.Errorf("the same subject %q from %q passes as the publisher certified by %q", other.Subject, other.Issuer, first.Issuer)
	}
}
