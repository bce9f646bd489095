package gui

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/local"
)

func TestMain(m *testing.M) {
	// The tests read French labels: run them in a French locale whatever the machine's.
	os.Setenv("LANG", "fr_FR.UTF-8")
	os.Unsetenv("LANGUAGE")
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Exit(m.Run())
}

// harness is Sésame's window on a real local store in a temporary folder.
type harness struct {
	t      testing.TB
	app    fyne.App
	win    fyne.Window
	u      *ui
	dir    string
	path   string           // the SQLite file
	log    *servertest.Logs // what the app logged, for the scan for secrets
	quit   bool             // whether the app asked to quit
	checks chan bool        // the clipboard guard's checks, once guardWithShortDelay ran
	ui     chan func()      // what background work asks to run on the UI goroutine

	server  *servertest.Env   // server mode: the firm's server
	browser *testBrowser      // server mode: stands for the system browser
	kc      keychain.Keychain // server mode: the keychain the session uses
}

// newHarness starts the app on a store in a new temporary folder.
func newHarness(t *testing.T) *harness {
	t.Helper()
	return startHarness(t, t.TempDir())
}

// startHarness starts the app on the store of dir, as a double-click would.
func startHarness(t testing.TB, dir string) *harness {
	t.Helper()
	return launch(t, dir, nil, nil)
}

// launch starts the app with the store of dir as its local backend, newSession as its
// server backend, after setPrefs has written the preferences of an earlier run.
func launch(t testing.TB, dir string, newSession SessionFunc, setPrefs func(fyne.Preferences)) *harness {
	t.Helper()
	h := &harness{t: t, app: test.NewTempApp(t), dir: dir, path: filepath.Join(dir, "sesame.db"), log: &servertest.Logs{}}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(h.log, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	if err := setUpLanguage(); err != nil {
		t.Fatal(err)
	}
	if setPrefs != nil {
		setPrefs(h.app.Preferences())
	}
	h.win = test.NewWindow(nil)
	h.win.Resize(fyne.NewSize(980, 720))
	h.u = newUI(h.app, h.win, Backends{
		OpenLocal: func(ctx context.Context) (service.Portal, error) {
			p, err := local.Open(ctx, h.path)
			if err != nil {
				return nil, err
			}
			return p.WithSealKeys(testSealKeys(t)), nil
		},
		NewSession: newSession,
		Local:      local.File{Path: h.path},
	})
	appQuit := h.u.quit
	h.u.quit = func() { h.quit = true; appQuit() }
	h.u.openURL = func(string) error { t.Error("the app opened a browser in a test without one"); return nil }
	// As in the app, what background work shows runs on one goroutine: the test's.
	h.ui = make(chan func())
	h.u.run.do = func(f func()) {
		done := make(chan struct{})
		h.ui <- func() { defer close(done); f() }
		<-done
	}
	t.Cleanup(func() { h.wait(); h.u.shutdown() })
	h.u.start()
	h.wait()
	return h
}

// wait runs what background work sends to the UI goroutine until no work is left.
func (h *harness) wait() {
	idle := make(chan struct{})
	go func() { h.u.wait(); close(idle) }()
	for {
		select {
		case f := <-h.ui:
			f()
		case <-idle:
			return
		}
	}
}

// field is a text field of the app: Fyne's entry or the app's own.
type field interface {
	fyne.Focusable
	SetText(string)
}

// enter presses Enter in a field.
func enter(e field) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// typeInto replaces a field's text as a user would: select all, type.
func typeInto(e field, text string) {
	e.SetText("")
	test.Type(e, text)
}

// topOverlay is the dialog on top of the window, nil if none.
func (h *harness) topOverlay() fyne.CanvasObject { return h.win.Canvas().Overlays().Top() }

// buttonIn finds the visible button with that text in o, or fails.
func (h *harness) buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	h.t.Helper()
	if o == nil {
		h.t.Fatalf("no dialog is shown; looked for button %q", text)
	}
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
		if b, ok := c.(*widgets.Button); ok && b.Text == text && b.Visible() {
			return &b.Button
		}
	}
	h.t.Fatalf("no button %q in the dialog", text)
	return nil
}

// drawn returns the visible objects of type T drawn under o, walking the widgets'
// renderers (test.LaidOutObjects does not reach a table's or a list's rows).
func drawn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if x, ok := o.(T); ok {
			out = append(out, x)
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(x).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return out
}

// textIn reports whether a label or text in o shows s.
func textIn(o fyne.CanvasObject, s string) bool {
	if o == nil {
		return false
	}
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// richTextIn reports whether a rich text laid out in o (a muted hint) holds s.
func richTextIn(o fyne.CanvasObject, s string) bool {
	if o == nil {
		return false
	}
	for _, c := range test.LaidOutObjects(o) {
		if r, ok := c.(*widget.RichText); ok && strings.Contains(r.String(), s) {
			return true
		}
	}
	return false
}

// tap taps a button and waits for what it started.
func (h *harness) tap(b fyne.Tappable) {
	test.Tap(b)
	h.wait()
}

// setUpFirm fills the first-start form and submits it with Enter.
func (h *harness) setUpFirm() {
	h.t.Helper()
	s := h.u.setupScreen
	if s == nil {
		h.t.Fatal("the first start does not show the firm profile form")
	}
	typeInto(s.sic, "95963")
	typeInto(s.firm, "FUTUROSCOPE CEDEX")
	typeInto(s.admin, "Delhumeau Vincent")
	enter(s.admin)
	h.wait()
	if h.u.profileScreen == nil {
		h.t.Fatal("the profile is not shown after a valid firm profile form")
	}
}

// portal is the Portal the app works with.
func (h *harness) portal() service.Portal { return h.u.backend.portal }

// keyReturn is the Enter key.
var keyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}

// pumpUntil runs what background work sends to the UI goroutine until cond holds.
func (h *harness) pumpUntil(cond func() bool) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-h.ui:
			f()
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			h.t.Fatal("timed out waiting for the app")
		}
	}
}
