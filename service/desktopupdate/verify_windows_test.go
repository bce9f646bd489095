package desktopupdate

import (
	"os"
	"testing"
)

// Run under Wine by test/wine's TestPackagesUnderWine, which signs a copy of a small
// program with a throw-away certificate (osslsigncode, as scripts/sign-exe signs
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
