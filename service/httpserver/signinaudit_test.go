package httpserver_test

import (
	"context"
	"testing"

	"golang.org/x/oauth2"

	"sesame/service"
)

// A sign-in is journaled once the app holds its tokens, not when the login page
// accepts the password: a sign-in cancelled in the app (the code never exchanged),
// or whose exchange fails, writes no « Connexion ».
func TestOnlyACompletedSignInIsJournaled(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	signins := func() []service.AuditEvent {
		t.Helper()
		evs, err := e.st.Audit(ctx, service.AuditFilter{Action: service.AuditSignIn})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}

	e.authorize(loginA, e.passwordA) // the app was closed before the exchange
	cfg, code, _ := e.authorize(loginA, e.passwordA)
	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
		t.Fatal("an exchange with another verifier succeeded")
	}
	if evs := signins(); len(evs) != 0 {
		t.Fatalf("sign-ins that never completed were journaled: %+v", evs)
	}

	cfg, code, verifier := e.authorize(loginA, e.passwordA)
	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	evs := signins()
	if len(evs) != 1 || evs[0].Login != loginA || evs[0].Tiers != tiersA || evs[0].Addr != "127.0.0.1" || evs[0].Actor == "" {
		t.Fatalf("the completed sign-in: %+v; want one « Connexion » of %s from 127.0.0.1", evs, loginA)
	}
}
