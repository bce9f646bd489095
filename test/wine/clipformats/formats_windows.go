//go:build windows

package main

import (
	"encoding/hex"
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32                   = windows.NewLazySystemDLL("user32.dll")
	kernel32                 = windows.NewLazySystemDLL("kernel32.dll")
	openClipboard            = user32.NewProc("OpenClipboard")
	closeClipboard           = user32.NewProc("CloseClipboard")
	enumClipboardFormats     = user32.NewProc("EnumClipboardFormats")
	getClipboardFormatName   = user32.NewProc("GetClipboardFormatNameW")
	getClipboardData         = user32.NewProc("GetClipboardData")
	globalSize               = kernel32.NewProc("GlobalSize")
	globalLock               = kernel32.NewProc("GlobalLock")
	globalUnlock             = kernel32.NewProc("GlobalUnlock")
	moveMemory               = kernel32.NewProc("RtlMoveMemory")
	registeredFormatsAtLeast = uintptr(0xC000) // below: the predefined CF_* formats
)

// formats returns "NAME=HEX" for each registered format (at most 16 bytes of data)
// and "#N" for each predefined one (CF_UNICODETEXT is #13), in the clipboard's order.
func formats() ([]string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if r, _, err := openClipboard.Call(0); r == 0 {
		return nil, fmt.Errorf("OpenClipboard: %w", err)
	}
	defer closeClipboard.Call()
	var out []string
	for f, _, _ := enumClipboardFormats.Call(0); f != 0; f, _, _ = enumClipboardFormats.Call(f) {
		if f < registeredFormatsAtLeast {
			out = append(out, fmt.Sprintf("#%d", f))
			continue
		}
		name := make([]uint16, 256)
		n, _, _ := getClipboardFormatName.Call(f, uintptr(unsafe.Pointer(&name[0])), uintptr(len(name)))
		out = append(out, windows.UTF16ToString(name[:n])+"="+hex.EncodeToString(data(f, 16)))
	}
	return out, nil
}

// data is up to max bytes of a format's data.
func data(format uintptr, max int) []byte {
	h, _, _ := getClipboardData.Call(format)
	if h == 0 {
		return nil
	}
	size, _, _ := globalSize.Call(h)
	p, _, _ := globalLock.Call(h)
	if p == 0 {
		return nil
	}
	defer globalUnlock.Call(h)
	b := make([]byte, min(int(size), max))
	if len(b) > 0 {
		moveMemory.Call(uintptr(unsafe.Pointer(&b[0])), p, uintptr(len(b)))
	}
	return b
}
