//go:build windows

package secretclip

import (
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32                  = windows.NewLazySystemDLL("user32.dll")
	kernel32                = windows.NewLazySystemDLL("kernel32.dll")
	openClipboard           = user32.NewProc("OpenClipboard")
	closeClipboard          = user32.NewProc("CloseClipboard")
	emptyClipboard          = user32.NewProc("EmptyClipboard")
	setClipboardData        = user32.NewProc("SetClipboardData")
	registerClipboardFormat = user32.NewProc("RegisterClipboardFormatW")
	globalAlloc             = kernel32.NewProc("GlobalAlloc")
	globalFree              = kernel32.NewProc("GlobalFree")
	globalLock              = kernel32.NewProc("GlobalLock")
	globalUnlock            = kernel32.NewProc("GlobalUnlock")
	moveMemory              = kernel32.NewProc("RtlMoveMemory")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

// Marks are the registered clipboard formats that keep a value out of the clipboard
// history and the cloud clipboard, with the data each is given: a DWORD 0.
var Marks = []string{
	"ExcludeClipboardContentFromMonitorProcessing",
	"CanIncludeInClipboardHistory",
	"CanUploadToCloudClipboard",
}

// Put empties the clipboard and puts text on it as Unicode text, with the Marks.
// It reports true: on Windows the value is marked, or an error says why it is not
// on the clipboard.
func Put(text string) (bool, error) {
	u, err := windows.UTF16FromString(text)
	if err != nil {
		return true, fmt.Errorf("secretclip: the value holds a NUL character")
	}
	defer clear(u)

	runtime.LockOSThread() // the clipboard is opened by, and closed from, one thread
	defer runtime.UnlockOSThread()
	if err := open(); err != nil {
		return true, err
	}
	defer closeClipboard.Call()
	if r, _, err := emptyClipboard.Call(); r == 0 {
		return true, fmt.Errorf("secretclip: EmptyClipboard: %w", err)
	}
	if err := set(cfUnicodeText, unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 2*len(u))); err != nil {
		return true, err
	}
	zero := []byte{0, 0, 0, 0}
	for _, name := range Marks {
		p, err := windows.UTF16PtrFromString(name)
		if err != nil {
			return true, err
		}
		format, _, err := registerClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
		if format == 0 {
			return true, fmt.Errorf("secretclip: RegisterClipboardFormat %s: %w", name, err)
		}
		if err := set(format, zero); err != nil {
			return true, err
		}
	}
	return true, nil
}

// open opens the clipboard, trying for a moment while another program holds it.
func open() error {
	var err error
	for range 20 {
		var r uintptr
		if r, _, err = openClipboard.Call(0); r != 0 {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("secretclip: OpenClipboard: %w", err)
}

// set copies data into movable global memory and hands it to the clipboard, which
// owns it from then on.
func set(format uintptr, data []byte) error {
	h, _, err := globalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("secretclip: GlobalAlloc: %w", err)
	}
	p, _, err := globalLock.Call(h)
	if p == 0 {
		globalFree.Call(h)
		return fmt.Errorf("secretclip: GlobalLock: %w", err)
	}
	moveMemory.Call(p, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	globalUnlock.Call(h)
	if r, _, err := setClipboardData.Call(format, h); r == 0 {
		globalFree.Call(h)
		return fmt.Errorf("secretclip: SetClipboardData: %w", err)
	}
	return nil
}
