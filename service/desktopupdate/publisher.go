package desktopupdate

import (
	"bytes"
	"crypto/x509"
	"fmt"
)

// samePublisher reports, as an error, a build's signer that is not the running
// program's publisher: a publisher is its certificate's subject as issued by one
// certification authority, so both the subject and the issuer must be the same (the
// same name certified by another authority is someone else).
func samePublisher(build, running *x509.Certificate) error {
	if !bytes.Equal(build.RawSubject, running.RawSubject) {
		return fmt.Errorf("signed by %q, the running program by %q", build.Subject, running.Subject)
	}
	if !bytes.Equal(build.RawIssuer, running.RawIssuer) {
		return fmt.Errorf("signed by %q certified by %q, the running program's certified by %q",
			build.Subject, build.Issuer, running.Issuer)
	}
	return nil
}
