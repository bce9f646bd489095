package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/store"
)

// RevokeAdminSessions ends every session of one administrator at once, those still
// waiting for their code's exchange included, and no one else's.
func testRevokeAdminSessions(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	newSessionOf(t, st, "alice", "a1", "ra1")
	newSessionOf(t, st, "alice", "a2", "ra2")
	newSessionOf(t, st, "bob", "b1", "rb1")
	pending := store.AuthCode{Digest: sum("pending"), SessionID: "a3", ClientID: "sesame-desktop", RedirectURI: "http://127.0.0.1:1/cb",
		Challenge: "ch", Login: "alice", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	if err := st.PutAuthCode(ctx, pending); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeSession(ctx, "a2", t0); err != nil { // signed out before
		t.Fatal(err)
	}

	at := t0.Add(time.Second)
	n, err := st.RevokeAdminSessions(ctx, "alice", at)
	if err != nil || n != 2 {
		t.Fatalf("RevokeAdminSessions(alice) = %d, %v; want the 2 open ones (a1 and the pending a3)", n, err)
	}
	for _, id := range []string{"a1", "a2"} {
		if ss, err := st.Session(ctx, id); err != nil || ss.Active(at) {
			t.Fatalf("session %s after revocation: %+v %v", id, ss, err)
		}
	}
	if ss, _ := st.Session(ctx, "a2"); !ss.RevokedAt.Equal(t0) {
		t.Fatalf("a2's first revocation instant changed: %v", ss.RevokedAt)
	}
	if _, err := rotate(st, "ra1", "ra1b", at.Add(time.Second)); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("refresh of a revoked session: %v", err)
	}
	a3 := store.Session{ID: "a3", Login: "alice", ClientID: "sesame-desktop", CreatedAt: at, ExpiresAt: at.Add(time.Hour)}
	if err := st.StartSession(ctx, a3, store.RefreshToken{Digest: sum("ra3"), IssuedAt: at, ExpiresAt: at.Add(time.Hour)}); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("exchange of a code issued before the revocation: %v", err)
	}
	if _, err := rotate(st, "rb1", "rb2", at.Add(time.Second)); err != nil {
		t.Fatalf("bob's session must be untouched: %v", err)
	}
	if n, err := st.RevokeAdminSessions(ctx, "alice", at.Add(time.Minute)); err != nil || n != 0 {
		t.Fatalf("second RevokeAdminSessions = %d, %v; want 0", n, err)
	}
}
