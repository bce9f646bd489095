package httpserver_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
)

// Issue 10, case 4: once the operator ends an administrator's sessions (password
// change, removal, admin sessions revoke), the next request with any of their access
// tokens is refused with "Votre session a été fermée", and their refresh tokens with
// invalid_grant (real x/oauth2 client); the other administrator is untouched.
func TestRevokedAdminSessionsAreRefusedAtOnce(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	cfg1, a1 := e.signIn(loginA, e.passwordA)
	cfg2, a2 := e.signIn(loginA, e.passwordA)
	_, b := e.signIn(loginB, e.passwordB)

	n, err := e.st.RevokeAdminSessions(ctx, loginA, time.Now())
	if err != nil || n != 2 {
		t.Fatalf("RevokeAdminSessions = %d, %v", n, err)
	}
	for i, s := range []struct {
		cfg *oauth2.Config
		tok *oauth2.Token
	}{{cfg1, a1}, {cfg2, a2}} {
		status, h, body := e.do("GET", "/v1/profile", s.tok.AccessToken, nil)
		if p := problem(t, h, body); status != http.StatusUnauthorized || p.Kind != service.EUNAUTHORIZED || p.Code != service.MsgSessionClosed {
			t.Fatalf("session %d, access token: %d %+v", i, status, p)
		}
		var re *oauth2.RetrieveError
		if _, err := refresh(s.cfg, s.tok.RefreshToken); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
			t.Fatalf("session %d, refresh: %v", i, err)
		}
	}
	if st, _ := e.profileStatus(b.AccessToken); st != http.StatusOK {
		t.Fatalf("the other administrator's session: %d", st)
	}
	// A token that was never valid still says the session expired, not that it closed.
	status, h, body := e.do("GET", "/v1/profile", "not-a-token", nil)
	if p := problem(t, h, body); status != http.StatusUnauthorized || p.Code != service.MsgUnauthorized {
		t.Fatalf("bad token: %d %+v", status, p)
	}
}
