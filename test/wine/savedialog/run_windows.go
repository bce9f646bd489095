//go:build windows

package main

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"sesame/gui/sysdialog"
)

var (
	user32      = windows.NewLazySystemDLL("user32.dll")
	findWindow  = user32.NewProc("FindWindowW")
	postMessage = user32.NewProc("PostMessageW")
)

const (
	wmCommand = 0x0111
	idOK      = 1
)

// run opens the dialog on its own goroutine, waits for its window (20 s at most),
// presses its default button and prints what the dialog returned.
func run(title, start, name string) error {
	type answer struct {
		path string
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		path, err := sysdialog.Save(title, start, name, ".csv")
		done <- answer{path, err}
	}()
	t16, err := windows.UTF16PtrFromString(title)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	var hwnd uintptr
	for hwnd == 0 {
		if time.Now().After(deadline) {
			return errors.New("no window titled " + title + " within 20 s")
		}
		time.Sleep(200 * time.Millisecond)
		hwnd, _, _ = findWindow.Call(0, uintptr(unsafe.Pointer(t16)))
	}
	fmt.Println("dialog=found")
	time.Sleep(500 * time.Millisecond) // let it fill its folder and name
	postMessage.Call(hwnd, wmCommand, idOK, 0)
	select {
	case a := <-done:
		if a.err != nil {
			return a.err
		}
		fmt.Println("saved=" + a.path)
		return nil
	case <-time.After(20 * time.Second):
		return errors.New("the dialog did not return within 20 s of Enregistrer")
	}
}
