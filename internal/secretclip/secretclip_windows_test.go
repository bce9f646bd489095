//go:build windows

package secretclip

import (
	"encoding/binary"
	"runtime"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	enumClipboardFormats   = user32.NewProc("EnumClipboardFormats")
	getClipboardFormatName = user32.NewProc("GetClipboardFormatNameW")
	getClipboardData       = user32.NewProc("GetClipboardData")
	globalSize             = kernel32.NewProc("GlobalSize")
)

// clipboard reads every format on the clipboard: registered formats by name,
// CF_UNICODETEXT as "text".
func clipboard(t *testing.T) map[string][]byte {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := open(); err != nil {
		t.Fatal(err)
	}
	defer closeClipboard.Call()
	got := map[string][]byte{}
	for f, _, _ := enumClipboardFormats.Call(0); f != 0; f, _, _ = enumClipboardFormats.Call(f) {
		name := "text"
		if f != cfUnicodeText {
			buf := make([]uint16, 256)
			n, _, _ := getClipboardFormatName.Call(f, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
			if n == 0 {
				continue // another predefined format, derived by Windows
			}
			name = windows.UTF16ToString(buf[:n])
		}
		h, _, _ := getClipboardData.Call(f)
		size, _, _ := globalSize.Call(h)
		p, _, _ := globalLock.Call(h)
		if p == 0 {
			t.Fatalf("format %s has no data", name)
		}
		b := make([]byte, size)
		if size > 0 {
			moveMemory.Call(uintptr(unsafe.Pointer(&b[0])), p, size)
		}
		globalUnlock.Call(h)
		got[name] = b
	}
	return got
}

// TestPutMarksTheValue reads the clipboard back after Put: the text, and each mark
// with a DWORD 0, as the clipboard history and the cloud clipboard look for them.
func TestPutMarksTheValue(t *testing.T) {
	const value = "ssk_ExampleOnlyNotASecret_ÉàÇ"
	marked, err := Put(value)
	if !marked || err != nil {
		t.Fatalf("Put: marked %v, %v", marked, err)
	}
	got := clipboard(t)
	u := got["text"]
	text := make([]uint16, len(u)/2)
	for i := range text {
		text[i] = binary.LittleEndian.Uint16(u[2*i:])
	}
	if windows.UTF16ToString(text) != value {
		t.Errorf("the clipboard's text is not the value put (%d bytes)", len(u))
	}
	for _, mark := range Marks {
		b, ok := got[mark]
		if !ok {
			t.Errorf("no %s on the clipboard (formats: %d)", mark, len(got))
			continue
		}
		if len(b) < 4 || binary.LittleEndian.Uint32(b) != 0 {
			t.Errorf("%s holds %x, want a DWORD 0", mark, b)
		}
	}

	// A second Put replaces the first value and marks it again.
	if _, err := Put("second"); err != nil {
		t.Fatal(err)
	}
	if got := clipboard(t); len(got["text"]) != 2*len("second\x00") || got[Marks[1]] == nil {
		t.Errorf("after a second Put: text of %d bytes, marks %v", len(got["text"]), got[Marks[1]])
	}
}
