package remote_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
)

// When the operator ends the administrator's sessions (issue 10, case 4), the desktop's
// next call, access token still within its lifetime, fails with "Votre session a été
// fermée"; so does the next one, once the access token has expired and the refresh
// is refused.
func TestSessionsEndedByTheOperatorSayClosed(t *testing.T) {
	ctx := context.Background()
	for _, ttl := range []time.Duration{10 * time.Minute, 5 * time.Second} {
		env := servertest.Start(t, func(c *httpserver.Config) { c.AccessTokenTTL = ttl })
		kc := realKeychain(t)
		s := signedIn(t, env, kc)
		if _, err := s.Portal().Profile(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Store.RevokeAdminSessions(ctx, servertest.Login, time.Now()); err != nil {
			t.Fatal(err)
		}
		_, err := s.Portal().Profile(ctx)
		if service.ErrorCode(err) != service.EUNAUTHORIZED || service.ErrorMessage(err) != service.MsgSessionClosed {
			t.Fatalf("access token lifetime %v: Profile after the revocation: %v, want %q", ttl, err, service.MsgSessionClosed)
		}
		_ = kc.Delete(ctx, s.Server())
	}
}
