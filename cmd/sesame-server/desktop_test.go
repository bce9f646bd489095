package main_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"sesame/service"
	"sesame/service/desktopupdate"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
	"sesame/service/store/postgres/pgtest"
)

// cutAfter is a body that fails after n bytes, as a connection that drops.
type cutAfter struct {
	body io.ReadCloser
	n    int64
}

func (c *cutAfter) Read(b []byte) (int, error) {
	if c.n <= 0 {
		return 0, errors.New("network cut")
	}
	if int64(len(b)) > c.n {
		b = b[:c.n]
	}
	n, err := c.body.Read(b)
	c.n -= int64(n)
	return n, err
}

func (c *cutAfter) Close() error { return c.body.Close() }

// Issue 19 item 6, end to end on both databases: the operator publishes a build with
// the CLI (a SHA-256 that differs is refused and journaled), the running server
// serves it to a signed-in app through the remote Portal, the app finds it newer,
// downloads it whole and starts its installer; the same build altered in the
// database is refused and deleted, and a download cut halfway leaves nothing and
// runs nothing, the next try succeeding. Between app and server stands a proxy that
// plays the network and cuts the connection when told.
func TestDesktopUpdatesEndToEnd(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no D-Bus session: run through `make test` or scripts/with-test-services")
	}
	for name, dsn := range map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "sesame.db") },
		"postgres": func(t *testing.T) string { return pgtest.FreshDatabase(t) },
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := firmDB(t, dsn(t))
			build := make([]byte, 3<<20+4321) // more than one stored part, more than one read
			rand.Read(build)
			msi := filepath.Join(t.TempDir(), "Sésame.msi")
			if err := os.WriteFile(msi, build, 0o600); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(build)
			good := hex.EncodeToString(sum[:])
			wrong := strings.Repeat("0", 64)

			// A SHA-256 other than the file's: refused with a sentence, journaled,
			// nothing published.
			oneLineError(t, sesame(t, "", "desktop", "publish", "--db", db, "--version", "1.2.0", "--sha256", wrong, msi), 1, "Publication refusée : le SHA-256 de "+msi+" est "+good+", et non "+wrong)
			csv := sesame(t, "", "audit", "export", "--db", db)
			if csv.code != 0 || !strings.Contains(csv.stdout, "Publication de l'application refusée") || !strings.Contains(csv.stdout, "1.2.0 "+wrong+" "+good) {
				t.Fatalf("the refusal is not in the journal: %+v", csv)
			}
			oneLineError(t, sesame(t, "", "desktop", "publish", "--db", db, "--version", "1.2", "--sha256", good, msi), 2, "majeure.mineure.correctif")

			// The proxy in front of the server, whose address is the server's public one.
			var target atomic.Pointer[url.URL]
			var cut atomic.Bool
			proxy := httptest.NewServer(&httputil.ReverseProxy{
				Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target.Load()); r.Out.Host = r.In.Host },
				ModifyResponse: func(resp *http.Response) error {
					if cut.Load() && strings.HasSuffix(resp.Request.URL.Path, "/file") {
						resp.Body = &cutAfter{body: resp.Body, n: int64(len(build) / 2)}
					}
					return nil
				},
			})
			defer proxy.Close()
			_, line, _ := startServeLine(t, "serve", "--db", db, "--listen", "127.0.0.1:0", "--issuer", proxy.URL)
			target.Store(&url.URL{Scheme: "http", Host: listeningRE.FindStringSubmatch(line)[1]})

			kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + strings.ReplaceAll(t.Name(), "/", "-")}
			t.Cleanup(func() { _ = kc.Delete(context.Background(), proxy.URL) })
			sess, err := remote.NewSession(ctx, proxy.URL, kc)
			if err != nil {
				t.Fatal(err)
			}
			if err := sess.SignIn(ctx, servertest.PlainBrowser("vdelhumeau", "Pass phrase "+strings.Repeat("x", 8))); err != nil {
				t.Fatalf("sign in: %v", err)
			}
			src, ok := sess.Portal().(service.DesktopUpdates)
			if !ok {
				t.Fatal("the remote Portal does not serve desktop updates")
			}
			var started []string
			dir := t.TempDir()
			up := &desktopupdate.Updater{Source: src, Running: "1.1.0", Dir: dir,
				Start: func(path string) error { started = append(started, path); return nil }}

			// Nothing published yet: nothing to offer, no error.
			if rel, newer, err := up.Check(ctx); err != nil || newer {
				t.Fatalf("Check with nothing published = %+v, %v, %v", rel, newer, err)
			}
			r := sesame(t, "", "desktop", "publish", "--db", db, "--version", "1.2.0", "--sha256", strings.ToUpper(good), msi)
			if r.code != 0 || !strings.Contains(r.stdout, "Sésame 1.2.0 publié : Sésame.msi, 3150049 octets, SHA-256 "+good) {
				t.Fatalf("publish: %+v", r)
			}
			oneLineError(t, sesame(t, "", "desktop", "publish", "--db", db, "--version", "1.2.0", "--sha256", good, msi), 1, "déjà publiée")

			rel, newer, err := up.Check(ctx)
			if err != nil || !newer || rel.Version != "1.2.0" || rel.SHA256 != good || rel.Size != int64(len(build)) {
				t.Fatalf("Check = %+v, newer %v, %v", rel, newer, err)
			}
			for _, running := range []string{"1.2.0", "1.10.0"} {
				same := *up
				same.Running = running
				if _, newer, err := same.Check(ctx); err != nil || newer {
					t.Fatalf("running %s, 1.2.0 offered as newer (%v)", running, err)
				}
			}

			// A download cut halfway: nothing kept, nothing run.
			cut.Store(true)
			_, err = up.Download(ctx, rel, nil)
			if service.ErrorMessage(err) != desktopupdate.MsgCut {
				t.Fatalf("cut download: %v, want %s", err, desktopupdate.MsgCut)
			}
			nothingIn(t, dir)
			cut.Store(false)

			// The next try downloads it whole, and removes a build downloaded before;
			// the installer starts on that file.
			stale := filepath.Join(dir, "Sesame-1.1.0.msi")
			if err := os.WriteFile(stale, []byte("older"), 0o600); err != nil {
				t.Fatal(err)
			}
			var last, total int64
			path, err := up.Download(ctx, rel, func(done, all int64) { last, total = done, all })
			if err != nil || last != int64(len(build)) || total != last {
				t.Fatalf("Download = %q, %v; progress %d of %d", path, err, last, total)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, build) {
				t.Fatal("the downloaded file is not the published build")
			}
			if _, err := os.Stat(stale); !os.IsNotExist(err) {
				t.Fatalf("the build downloaded before is still there: %v", err)
			}
			if err := up.Install(path); err != nil || len(started) != 1 || started[0] != path {
				t.Fatalf("Install: %v, installers started %q", err, started)
			}
			os.Remove(path)

			// The build altered where it is stored: refused, deleted, never run.
			st, err := openDB(t, db)
			if err != nil {
				t.Fatal(err)
			}
			q := `UPDATE desktop_release_parts SET data = ? WHERE version = '1.2.0' AND part = 1`
			if strings.HasPrefix(db, "postgres://") {
				q = strings.Replace(q, "?", "$1", 1)
			}
			if _, err := st.(interface{ DB() *sql.DB }).DB().ExecContext(ctx, q, bytes.Repeat([]byte{0x90}, 1<<20)); err != nil {
				t.Fatal(err)
			}
			st.Close()
			if _, err := up.Download(ctx, rel, nil); service.ErrorMessage(err) != desktopupdate.MsgAltered {
				t.Fatalf("altered build: %v, want %s", err, desktopupdate.MsgAltered)
			}
			nothingIn(t, dir)
			if len(started) != 1 {
				t.Fatalf("an installer was started on an altered build: %q", started)
			}
		})
	}
}

// nothingIn checks that a download left no file behind.
func nothingIn(t *testing.T, dir string) {
	t.Helper()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}
