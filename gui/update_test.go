package gui

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/httpserver/servertest"
)

// publish stores a build on the test server, as sesame-server desktop publish does.
func publish(t *testing.T, s *servertest.Env, version string, data []byte) service.DesktopRelease {
	t.Helper()
	sum := sha256.Sum256(data)
	rel := service.DesktopRelease{Version: version, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		FileName: "Sésame.msi", PublishedAt: time.Now(), PublishedBy: "Ligne de commande"}
	ev := service.AuditEvent{At: time.Now(), Actor: "Ligne de commande", Action: service.AuditDesktopPublish, Detail: version + " " + rel.SHA256}
	if err := s.Store.PutRelease(context.Background(), rel, bytes.NewReader(data), ev); err != nil {
		t.Fatal(err)
	}
	return rel
}

// latestAsked counts the app's requests for the latest build since rec started.
func latestAsked(rec *servertest.Logs) int {
	return strings.Count(rec.String(), "GET /v1/desktop/latest")
}

// Issue 19 item 6, from the app: signed in to a server that publishes a newer build,
// the app says « Une nouvelle version de Sésame est disponible » with its version;
// « Installer » downloads it with its progress and starts its installer on the file
// it checked (the system's installer is the one part replaced: this machine runs no
// msiexec). The server is asked at start, then not again for a day (fake clock).
// A build altered on the server is refused with its sentence and nothing starts.
func TestUpdateOfferedDownloadedAndInstalled(t *testing.T) {
	s := newTestServer(t, nil)
	build := make([]byte, 1<<20+777)
	rand.Read(build)
	rel := publish(t, s, "1.2.0", build)
	rec := s.RecordBodies()

	h := startServerHarness(t, s, testKeychain(t, s))
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	prev := clock
	clock = func() time.Time { return now }
	t.Cleanup(func() { clock = prev })
	var started []string
	var startedData []byte
	h.u.updates.running = func() string { return "1.1.0" }
	h.u.updates.canInstall = true
	h.u.updates.verify = func(string) error { return nil }
	h.u.updates.start = func(path string) error {
		started = append(started, path)
		startedData, _ = os.ReadFile(path)
		return nil
	}
	h.signIn()

	d := h.topOverlay()
	want := "Une nouvelle version de Sésame est disponible : 1.2.0 (vous utilisez la version 1.1.0)"
	if !textIn(d, want) || latestAsked(rec) != 1 {
		t.Fatalf("after signing in: notice %v, asked %d times; want %q once", d != nil, latestAsked(rec), want)
	}
	h.tap(h.buttonIn(d, "Installer"))
	if len(started) != 1 || !bytes.Equal(startedData, build) {
		t.Fatalf("installer started on %q (%d bytes), want the published build", started, len(startedData))
	}
	if bar := h.u.updates.progress; bar == nil || bar.Value != float64(rel.Size) || bar.Max != float64(rel.Size) {
		t.Fatalf("progress at the end: %+v", bar)
	}
	if !textIn(h.topOverlay(), "Sésame 1.2.0 a été téléchargé et vérifié ; son installation a commencé") {
		t.Fatal("no word that the installation began")
	}
	h.buttonIn(h.topOverlay(), "OK").OnTapped()

	// Back to the profile within the day: the server is not asked again.
	now = now.Add(23 * time.Hour)
	h.u.showProfile()
	h.wait()
	if n := latestAsked(rec); n != 1 {
		t.Fatalf("asked %d times within a day, want 1", n)
	}

	// A day later it is; the build, altered on the server since, is refused.
	if _, err := s.Store.DB().Exec(`UPDATE desktop_release_parts SET data = ? WHERE part = 0`, bytes.Repeat([]byte{1}, 1<<20)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	h.u.showProfile()
	h.wait()
	if n := latestAsked(rec); n != 2 {
		t.Fatalf("asked %d times after a day, want 2", n)
	}
	h.tap(h.buttonIn(h.topOverlay(), "Installer"))
	if !textIn(h.topOverlay(), "n'est pas celui que le serveur du cabinet annonce") || len(started) != 1 {
		t.Fatalf("an altered build: installers started %q", started)
	}
	if left, _ := os.ReadDir(h.u.updater().Dir); len(left) != 1 { // the first build only
		t.Fatalf("files left in the updates folder: %v", left)
	}
	// The next start asks again at once.
	if h.app.Preferences().String(prefUpdateChecked) != "" {
		t.Fatal("a failed update is not asked for again at the next start")
	}
}

// On a system that installs no MSI (Linux, macOS), the notice gives the version and
// says to ask IT; it offers no « Installer ».
func TestUpdateOfferedWhereNothingInstalls(t *testing.T) {
	s := newTestServer(t, nil)
	publish(t, s, "1.2.0", []byte("MSI"))
	h := startServerHarness(t, s, testKeychain(t, s))
	h.u.updates.running = func() string { return "1.1.0" }
	h.u.updates.canInstall = false
	h.signIn()
	d := h.topOverlay()
	if !textIn(d, "Une nouvelle version de Sésame est disponible : 1.2.0") || !textIn(d, "demandez la nouvelle version au service informatique du cabinet") {
		t.Fatal("the notice does not give the version and say to ask IT")
	}
	for _, c := range test.LaidOutObjects(d) {
		if b, ok := c.(*widgets.Button); ok && b.Text == "Installer" {
			t.Fatal("« Installer » offered where nothing installs")
		}
	}
	h.buttonIn(d, "Plus tard").OnTapped()
	if h.topOverlay() != nil {
		t.Fatal("« Plus tard » leaves the notice shown")
	}
}

// A Sésame installed for every user of the computer (Program Files) is not updated
// from the app: the per-user install it would start would sit beside it. The notice
// gives the version and says to ask IT; it offers no « Installer ».
func TestUpdateOfferedToAPerMachineInstall(t *testing.T) {
	s := newTestServer(t, nil)
	publish(t, s, "1.2.0", []byte("MSI"))
	h := startServerHarness(t, s, testKeychain(t, s))
	h.u.updates.running = func() string { return "1.1.0" }
	h.u.updates.canInstall = true
	h.u.updates.perMachine = true
	started := false
	h.u.updates.start = func(string) error { started = true; return nil }
	h.signIn()
	d := h.topOverlay()
	if d == nil || !textIn(d, "Une nouvelle version de Sésame est disponible : 1.2.0") ||
		!textIn(d, "installé pour tous les utilisateurs de cet ordinateur (dans Program Files) : la version 1.2.0 ne peut pas s'installer d'ici. Demandez-la au service informatique du cabinet") {
		t.Fatal("the notice does not give the version and say to ask IT")
	}
	for _, c := range test.LaidOutObjects(d) {
		if b, ok := c.(*widgets.Button); ok && b.Text == "Installer" {
			t.Fatal("« Installer » offered to a per-machine install")
		}
	}
	h.buttonIn(d, "Plus tard").OnTapped()
	if h.topOverlay() != nil || started {
		t.Fatalf("after « Plus tard »: notice still shown %v, installer started %v", h.topOverlay() != nil, started)
	}
}
