package gui

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"sesame/internal/secretclip"
)

// prefClipboardDelay is the preference holding, in seconds, how long a copied
// credential stays on the clipboard.
const prefClipboardDelay = "clipboard.clearAfterSeconds"

// defaultClipboardDelay is the delay before the user changes it in Paramètres.
const defaultClipboardDelay = 60

// clipboardDelay reads the delay preference.
func clipboardDelay(p fyne.Preferences) time.Duration {
	s := p.IntWithFallback(prefClipboardDelay, defaultClipboardDelay)
	if s <= 0 {
		s = defaultClipboardDelay
	}
	return time.Duration(s) * time.Second
}

// clipboardGuard puts values on the clipboard and takes them off after a delay, but
// only if the clipboard still holds what it put there: something the user copied
// since is left alone. It keeps a SHA-256 digest of each value, never the value.
type clipboardGuard struct {
	clip  fyne.Clipboard
	delay func() time.Duration
	do    func(func()) // runs the delayed check on the UI goroutine: fyne.Do

	mu      sync.Mutex
	pending map[*time.Timer][sha256.Size]byte

	// checked, if set, is called after each delayed check (tests wait on it).
	checked func(cleared bool)
}

func newClipboardGuard(clip fyne.Clipboard, delay func() time.Duration) *clipboardGuard {
	return &clipboardGuard{clip: clip, delay: delay, do: fyne.Do, pending: map[*time.Timer][sha256.Size]byte{}}
}

// copy puts value on the clipboard and schedules its removal. Call it on the UI
// goroutine. Where the system can mark it (Windows), the value is put marked so that
// the clipboard history and the cloud clipboard leave it out (secretclip).
func (g *clipboardGuard) copy(value string) {
	if marked, err := secretclip.Put(value); !marked || err != nil {
		if err != nil {
			slog.Warn("clipboard: copying without the marks that keep it out of the clipboard history", "err", err)
		}
		g.clip.SetContent(value)
	}
	sum := sha256.Sum256([]byte(value))
	g.mu.Lock()
	defer g.mu.Unlock()
	var t *time.Timer
	t = time.AfterFunc(g.delay(), func() {
		g.mu.Lock()
		_, ok := g.pending[t]
		delete(g.pending, t)
		g.mu.Unlock()
		if ok {
			g.do(func() { g.clearIf(sum) })
		}
	})
	g.pending[t] = sum
}

// clearIf empties the clipboard if it holds the value whose digest is sum.
func (g *clipboardGuard) clearIf(sum [sha256.Size]byte) {
	cur := sha256.Sum256([]byte(g.clip.Content()))
	cleared := subtle.ConstantTimeCompare(cur[:], sum[:]) == 1
	if cleared {
		g.clip.SetContent("")
	}
	if g.checked != nil {
		g.checked(cleared)
	}
}

// clearNow runs every pending check at once, e.g. when the app's window closes.
func (g *clipboardGuard) clearNow() {
	g.mu.Lock()
	sums := make([][sha256.Size]byte, 0, len(g.pending))
	for t, sum := range g.pending {
		t.Stop()
		sums = append(sums, sum)
	}
	clear(g.pending)
	g.mu.Unlock()
	for _, sum := range sums {
		g.clearIf(sum)
	}
}
