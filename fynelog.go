package main

import (
	"bytes"
	"io"
	"sync"
)

// quietPrefsReload drops one message of Fyne's from the log: "Preferences load
// error: EOF" (fyne-io/fyne#2936). Fyne watches the folder of preferences.json and
// reloads the file on any change there; when the file is being rewritten (at quit
// Fyne always saves it, and Sésame's log and database live in the same folder), the
// reload reads it empty, fails, and leaves the preferences in memory as they were,
// while the save completes. The failure is harmless and the log line only alarms.
// Fyne writes it as three log calls (the reason, the cause, where); any other
// message passes unchanged, and so does this one with another cause.
type quietPrefsReload struct {
	next io.Writer

	mu   sync.Mutex
	held [][]byte // the lines of the message seen so far
}

// The lines of the message, as fyne.LogError writes them.
var (
	prefsReason = []byte("Fyne error:  Preferences load error:")
	prefsCause  = []byte("  Cause: EOF")
	prefsAt     = []byte("  At: ")
)

// Write implements io.Writer; the log package calls it once per message.
func (q *quietPrefsReload) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	line := bytes.TrimRight(p, "\n")
	switch {
	case len(q.held) == 0 && bytes.HasSuffix(line, prefsReason):
		q.held = append(q.held, bytes.Clone(p))
		return len(p), nil
	case len(q.held) == 1 && bytes.HasSuffix(line, prefsCause):
		q.held = append(q.held, bytes.Clone(p))
		return len(p), nil
	case len(q.held) == 2 && bytes.Contains(line, prefsAt) && bytes.Contains(line, []byte("preferences.go")):
		q.held = nil // the whole message: dropped
		return len(p), nil
	}
	if err := q.flush(); err != nil {
		return 0, err
	}
	return q.next.Write(p)
}

// flush writes what was held for a message that turned out to be another.
func (q *quietPrefsReload) flush() error {
	held := q.held
	q.held = nil
	for _, h := range held {
		if _, err := q.next.Write(h); err != nil {
			return err
		}
	}
	return nil
}
