package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// guardForTest is a clipboard guard on the test app's clipboard with a short delay;
// each of its checks is sent on the returned channel.
// The delayed check runs on the test's goroutine, as it runs on the UI one in the app.
func guardForTest(t *testing.T) (*clipboardGuard, <-chan func()) {
	a := test.NewTempApp(t)
	ui := make(chan func(), 4)
	g := newClipboardGuard(a.Clipboard(), func() time.Duration { return 20 * time.Millisecond })
	g.do = func(f func()) { ui <- f }
	return g, ui
}

// waitCheck runs the guard's next check and says whether it cleared the clipboard.
func waitCheck(t *testing.T, g *clipboardGuard, ui <-chan func()) bool {
	t.Helper()
	var cleared bool
	g.checked = func(c bool) { cleared = c }
	select {
	case f := <-ui:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("the guard never checked the clipboard")
	}
	return cleared
}

func TestClipboardGuardClearsWhatItPutThere(t *testing.T) {
	g, ui := guardForTest(t)
	g.copy("valeur copiée")
	if g.clip.Content() != "valeur copiée" {
		t.Fatal("copy does not put the value on the clipboard")
	}
	if !waitCheck(t, g, ui) || g.clip.Content() != "" {
		t.Errorf("after the delay the clipboard holds %q, want it empty", g.clip.Content())
	}
}

func TestClipboardGuardLeavesWhatTheUserCopiedSince(t *testing.T) {
	g, ui := guardForTest(t)
	g.copy("valeur copiée")
	g.clip.SetContent("copié ailleurs par l'utilisateur")
	if waitCheck(t, g, ui) || g.clip.Content() != "copié ailleurs par l'utilisateur" {
		t.Errorf("after the delay the clipboard holds %q, want what the user copied", g.clip.Content())
	}
}

func TestClipboardGuardClearNowOnClosing(t *testing.T) {
	g, _ := guardForTest(t)
	g.delay = func() time.Duration { return time.Hour }
	g.copy("valeur copiée")
	cleared := false
	g.checked = func(c bool) { cleared = c }
	g.clearNow()
	if !cleared || g.clip.Content() != "" {
		t.Errorf("closing the window leaves %q on the clipboard", g.clip.Content())
	}
	if len(g.pending) != 0 {
		t.Errorf("%d checks still pending after clearNow", len(g.pending))
	}
}

func TestClipboardDelayPreference(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	for _, c := range []struct {
		set  int
		want time.Duration
	}{{0, 60 * time.Second}, {-5, 60 * time.Second}, {15, 15 * time.Second}, {300, 5 * time.Minute}} {
		p.SetInt(prefClipboardDelay, c.set)
		if got := clipboardDelay(p); got != c.want {
			t.Errorf("preference %d gives a delay of %v, want %v", c.set, got, c.want)
		}
	}
}
