package sqlstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create throw-away databases

	"sesame/service"
	"sesame/service/store"
)

// The AuthStore methods, on both databases, held to one behaviour.
func TestAuthStore(t *testing.T) {
	for name, open := range bothStores() {
		t.Run(name, func(t *testing.T) {
			t.Run("SigningKeys", func(t *testing.T) { testSigningKeys(t, open(t)) })
			t.Run("ServerSecret", func(t *testing.T) { testServerSecret(t, open(t)) })
			t.Run("ResealSecrets", func(t *testing.T) { testResealSecrets(t, open(t)) })
			t.Run("AuthCodes", func(t *testing.T) { testAuthCodes(t, open(t)) })
			t.Run("Sessions", func(t *testing.T) { testSessions(t, open(t)) })
			t.Run("RevokeAdminSessions", func(t *testing.T) { testRevokeAdminSessions(t, open(t)) })
			t.Run("ConcurrentRotation", func(t *testing.T) { testConcurrentRotation(t, open(t)) })
			t.Run("Purge", func(t *testing.T) { testPurge(t, open(t)) })
		})
	}
}

func sum(s string) []byte {
	d := sha256.Sum256([]byte(s))
	return d[:]
}

var t0 = time.UnixMicro(time.Now().UnixMicro())

func testSigningKeys(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	if ks, err := st.SigningKeys(ctx); err != nil || len(ks) != 0 {
		t.Fatalf("empty: %v %v", ks, err)
	}
	for i, id := range []string{"old", "new"} {
		k := store.SigningKey{ID: id, Algorithm: "ES256", PrivateDER: []byte{byte(i), 0, 1}, CreatedAt: t0.Add(time.Duration(i) * time.Hour)}
		if err := st.AddSigningKey(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddSigningKey(ctx, store.SigningKey{ID: "new", Algorithm: "ES256", PrivateDER: []byte{9}, CreatedAt: t0}); service.ErrorCode(err) != service.ECONFLICT {
		t.Fatalf("duplicate kid: %v", err)
	}
	ks, err := st.SigningKeys(ctx)
	if err != nil || len(ks) != 2 || ks[0].ID != "new" || ks[1].ID != "old" || !bytes.Equal(ks[0].PrivateDER, []byte{1, 0, 1}) || !ks[1].CreatedAt.Equal(t0) {
		t.Fatalf("keys: %+v %v", ks, err)
	}
	if err := st.DeleteSigningKeys(ctx, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ks, _ := st.SigningKeys(ctx); len(ks) != 1 || ks[0].ID != "new" {
		t.Fatalf("after delete: %+v", ks)
	}
}

func testServerSecret(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for i := range got {
		wg.Go(func() {
			v, err := st.ServerSecret(ctx, "csrf", func() ([]byte, error) { return []byte{byte(i)}, nil })
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	wg.Wait()
	for i := range got {
		if len(got[i]) != 1 || !bytes.Equal(got[i], got[0]) {
			t.Fatalf("concurrent first calls disagree: %v", got)
		}
	}
	other, err := st.ServerSecret(ctx, "other", func() ([]byte, error) { return []byte("x"), nil })
	if err != nil || string(other) != "x" {
		t.Fatalf("other secret: %q %v", other, err)
	}
}

func testAuthCodes(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	c := store.AuthCode{Digest: sum("code"), SessionID: "s1", ClientID: "sesame-desktop", RedirectURI: "http://127.0.0.1:1/cb",
		Challenge: "ch", Login: "alice", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	if err := st.PutAuthCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := st.ConsumeAuthCode(ctx, sum("code"), t0.Add(time.Second))
	if err != nil || got.SessionID != "s1" || got.Login != "alice" || got.RedirectURI != c.RedirectURI || got.Challenge != "ch" || got.UsedAt.IsZero() {
		t.Fatalf("consume: %+v %v", got, err)
	}
	got, err = st.ConsumeAuthCode(ctx, sum("code"), t0.Add(2*time.Second))
	if service.ErrorCode(err) != service.ECONFLICT || got.SessionID != "s1" {
		t.Fatalf("second consume: %+v %v", got, err)
	}
	if _, err := st.ConsumeAuthCode(ctx, sum("nope"), t0); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("unknown code: %v", err)
	}
	// The code was replayed (session revoked) before the first exchange started the
	// session: starting it fails.
	if err := st.RevokeSession(ctx, "s1", t0.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	ss := store.Session{ID: "s1", Login: "alice", ClientID: "sesame-desktop", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	if err := st.StartSession(ctx, ss, store.RefreshToken{Digest: sum("r"), IssuedAt: t0, ExpiresAt: t0.Add(time.Hour)}); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("start of a revoked pending session: %v", err)
	}
	if _, _, err := st.RefreshTokenSession(ctx, sum("r")); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the refused start stored its refresh token: %v", err)
	}
	c.Digest, c.SessionID = sum("late"), "s-late"
	if err := st.PutAuthCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ConsumeAuthCode(ctx, sum("late"), t0.Add(time.Minute)); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("expired code: %v", err)
	}
}

// newSession signs alice in: a code, then its session started with a first
// refresh token.
func newSession(t *testing.T, st store.AuthStore, id, first string) {
	t.Helper()
	newSessionOf(t, st, "alice", id, first)
}

// newSessionOf opens a session of login with its first refresh token.
func newSessionOf(t *testing.T, st store.AuthStore, login, id, first string) {
	t.Helper()
	ctx := context.Background()
	c := store.AuthCode{Digest: sum("code of " + id), SessionID: id, ClientID: "sesame-desktop", RedirectURI: "http://127.0.0.1:1/cb",
		Challenge: "ch", Login: login, CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	if err := st.PutAuthCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	ss := store.Session{ID: id, Login: login, ClientID: "sesame-desktop", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	rt := store.RefreshToken{Digest: sum(first), SessionID: id, IssuedAt: t0, ExpiresAt: t0.Add(30 * time.Minute)}
	if err := st.StartSession(ctx, ss, rt); err != nil {
		t.Fatal(err)
	}
}

func rotate(st store.AuthStore, old, next string, at time.Time) (store.Session, error) {
	return st.RotateRefreshToken(context.Background(), sum(old), store.RefreshToken{Digest: sum(next), IssuedAt: at, ExpiresAt: at.Add(30 * time.Minute)}, at)
}

func testSessions(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	newSession(t, st, "s1", "r0")
	ss, err := rotate(st, "r0", "r1", t0.Add(time.Second))
	if err != nil || ss.ID != "s1" || ss.Login != "alice" || !ss.Active(t0.Add(time.Second)) {
		t.Fatalf("rotate: %+v %v", ss, err)
	}
	if _, err := rotate(st, "r1", "r2", t0.Add(2*time.Second)); err != nil {
		t.Fatalf("rotate again: %v", err)
	}
	rt, ss, err := st.RefreshTokenSession(ctx, sum("r2"))
	if err != nil || rt.SessionID != "s1" || !rt.UsedAt.IsZero() || ss.ID != "s1" {
		t.Fatalf("RefreshTokenSession: %+v %+v %v", rt, ss, err)
	}
	// Reuse of r0: conflict, and the whole session is revoked: r2 is dead too.
	if _, err := rotate(st, "r0", "x", t0.Add(3*time.Second)); service.ErrorCode(err) != service.ECONFLICT {
		t.Fatalf("reuse: %v", err)
	}
	if ss, err := st.Session(ctx, "s1"); err != nil || ss.Active(t0.Add(3*time.Second)) {
		t.Fatalf("session after reuse: %+v %v", ss, err)
	}
	if _, err := rotate(st, "r2", "r3", t0.Add(4*time.Second)); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("newest token after reuse: %v", err)
	}
	if _, _, err := st.RefreshTokenSession(ctx, sum("x")); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("the reuse attempt stored its token: %v", err)
	}
	// Sign-out; an expired token; an unknown session.
	newSession(t, st, "s2", "q0")
	if err := st.RevokeSession(ctx, "s2", t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := rotate(st, "q0", "q1", t0.Add(2*time.Second)); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("revoked session: %v", err)
	}
	newSession(t, st, "s3", "p0")
	if _, err := rotate(st, "p0", "p1", t0.Add(31*time.Minute)); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("expired token: %v", err)
	}
	if _, err := st.Session(ctx, "nope"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("unknown session: %v", err)
	}
	if err := st.RevokeSession(ctx, "nope", t0); err != nil {
		t.Fatalf("revoke unknown: %v", err)
	}
}

// Two replicas rotating the same refresh token at once: one wins, the other is a
// reuse, and the session ends.
func testConcurrentRotation(t *testing.T, st store.AuthStore) {
	newSession(t, st, "c1", "c0")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { _, errs[i] = rotate(st, "c0", "next"+string(rune('a'+i)), t0.Add(time.Second)) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch service.ErrorCode(err) {
		case "":
			ok++
		case service.ECONFLICT, service.ELOCKED:
		default:
			t.Fatalf("concurrent rotation: %v", err)
		}
	}
	if ok > 1 {
		t.Fatal("both concurrent rotations of one refresh token succeeded")
	}
	if ok == 1 {
		if ss, _ := st.Session(context.Background(), "c1"); ss.Active(t0.Add(time.Second)) {
			t.Fatal("the losing rotation did not end the session")
		}
	}
}

func testPurge(t *testing.T, st store.AuthStore) {
	ctx := context.Background()
	newSession(t, st, "old", "o0")
	c := store.AuthCode{Digest: sum("oldcode"), SessionID: "never-exchanged", ClientID: "c", RedirectURI: "r", Challenge: "c", Login: "l", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	if err := st.PutAuthCode(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := st.PurgeAuth(ctx, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Session(ctx, "old"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("expired session kept: %v", err)
	}
	if _, _, err := st.RefreshTokenSession(ctx, sum("o0")); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("token of expired session kept: %v", err)
	}
	if _, err := st.ConsumeAuthCode(ctx, sum("oldcode"), t0); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("expired code kept: %v", err)
	}
	if _, err := st.Session(ctx, "never-exchanged"); service.ErrorCode(err) != service.ENOTFOUND {
		t.Fatalf("pending session of an expired code kept: %v", err)
	}
}
