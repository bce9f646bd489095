//go:build windows

package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32       = windows.NewLazySystemDLL("user32.dll")
	postMessage  = user32.NewProc("PostMessageW")
	getDlgCtrlID = user32.NewProc("GetDlgCtrlID")
	sendTimeout  = user32.NewProc("SendMessageTimeoutW")
)

const (
	wmCommand  = 0x0111
	wmGetText  = 0x000D
	bnClicked  = 0
	waitDialog = 60 * time.Second
)

// control is one child window of a dialog.
type control struct {
	hwnd    windows.HWND
	class   string
	text    string
	visible bool
}

// answer waits for a visible top-level window with a visible control whose text holds
// text, prints its controls and presses button.
func answer(text, button string) error {
	deadline := time.Now().Add(waitDialog)
	for {
		if dlg, controls := find(text); dlg != 0 {
			time.Sleep(300 * time.Millisecond) // let the dialog finish drawing
			if _, controls = find(text); controls == nil {
				continue // the window went away meanwhile
			}
			fmt.Println("dialog=" + text)
			for _, c := range controls {
				mark := "-"
				if c.visible {
					mark = "+"
				}
				fmt.Println(mark + c.text)
			}
			if button == "-" {
				return nil
			}
			for _, c := range controls {
				if c.visible && strings.EqualFold(c.class, "Button") && strings.ReplaceAll(c.text, "&", "") == button {
					id, _, _ := getDlgCtrlID.Call(uintptr(c.hwnd))
					postMessage.Call(uintptr(dlg), wmCommand, id&0xffff|bnClicked<<16, uintptr(c.hwnd))
					return nil
				}
			}
			return fmt.Errorf("the dialog showing %q has no button %q", text, button)
		}
		if time.Now().After(deadline) {
			return errors.New("no dialog showed " + fmt.Sprintf("%q", text) + " within " + waitDialog.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// find returns the visible top-level window that has a visible control showing text,
// and its controls.
func find(text string) (windows.HWND, []control) {
	var found windows.HWND
	var controls []control
	cb := windows.NewCallback(func(hwnd windows.HWND, _ uintptr) uintptr {
		if !windows.IsWindowVisible(hwnd) {
			return 1
		}
		cs := children(hwnd)
		for _, c := range cs {
			if c.visible && strings.Contains(c.text, text) {
				found, controls = hwnd, cs
				return 0
			}
		}
		return 1
	})
	_ = windows.EnumWindows(cb, nil) // stopping early reports an error
	return found, controls
}

// children lists a window's controls with their class and text.
func children(hwnd windows.HWND) []control {
	var out []control
	cb := windows.NewCallback(func(c windows.HWND, _ uintptr) uintptr {
		out = append(out, control{hwnd: c, class: className(c), text: windowText(c), visible: windows.IsWindowVisible(c)})
		return 1
	})
	windows.EnumChildWindows(hwnd, cb, unsafe.Pointer(nil))
	return out
}

func className(h windows.HWND) string {
	buf := make([]uint16, 256)
	n, _ := windows.GetClassName(h, &buf[0], int32(len(buf)))
	return windows.UTF16ToString(buf[:n])
}

// windowText asks the control for its text (WM_GETTEXT: GetWindowText does not read
// the controls of another process).
func windowText(h windows.HWND) string {
	buf := make([]uint16, 1024)
	var n uintptr
	sendTimeout.Call(uintptr(h), wmGetText, uintptr(len(buf)), uintptr(unsafe.Pointer(&buf[0])), 2 /* SMTO_ABORTIFHUNG */, 2000, uintptr(unsafe.Pointer(&n)))
	return windows.UTF16ToString(buf[:min(int(n), len(buf))])
}
