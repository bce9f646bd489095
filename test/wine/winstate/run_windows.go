//go:build windows

package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32             = windows.NewLazySystemDLL("user32.dll")
	enumWindows        = user32.NewProc("EnumWindows")
	getWindowTextW     = user32.NewProc("GetWindowTextW")
	isWindowVisible    = user32.NewProc("IsWindowVisible")
	isZoomed           = user32.NewProc("IsZoomed")
	showWindow         = user32.NewProc("ShowWindow")
	postMessage        = user32.NewProc("PostMessageW")
	getWindowRect      = user32.NewProc("GetWindowRect")
	monitorFromWindow  = user32.NewProc("MonitorFromWindow")
	getMonitorInfoW    = user32.NewProc("GetMonitorInfoW")
	getClientRect      = user32.NewProc("GetClientRect")
	getWindowPlacement = user32.NewProc("GetWindowPlacement")
	getParent          = user32.NewProc("GetParent")
)

const (
	swRestore               = 9
	swMaximize              = 3
	wmClose                 = 0x0010
	monitorDefaultToNearest = 2
	wait                    = 60 * time.Second
)

type rect struct{ Left, Top, Right, Bottom int32 }

func (r rect) String() string { return fmt.Sprintf("%d,%d,%d,%d", r.Left, r.Top, r.Right, r.Bottom) }

type monitorInfo struct {
	Size    uint32
	Monitor rect
	Work    rect
	Flags   uint32
}

type placement struct {
	Length, Flags, ShowCmd uint32
	Min, Max               [2]int32
	Normal                 rect
}

func run(cmd string) error {
	hwnd, err := findSesame()
	if err != nil {
		return err
	}
	switch cmd {
	case "maximise":
		showWindow.Call(hwnd, swMaximize)
		until(func() bool { return zoomed(hwnd) })
	case "close":
		postMessage.Call(hwnd, wmClose, 0, 0)
		return nil
	case "restore":
		showWindow.Call(hwnd, swRestore)
		until(func() bool { return !zoomed(hwnd) })
	case "state":
	case "zoomed":
		until(func() bool { return zoomed(hwnd) })
	case "inside":
		until(func() bool {
			w, work := rects(hwnd)
			return w.Left >= work.Left && w.Top >= work.Top && w.Right <= work.Right && w.Bottom <= work.Bottom
		})
	default:
		return errors.New("unknown command " + cmd)
	}
	w, work := rects(hwnd)
	z := 0
	if zoomed(hwnd) {
		z = 1
	}
	var c rect
	getClientRect.Call(hwnd, uintptr(unsafe.Pointer(&c)))
	p := placement{Length: uint32(unsafe.Sizeof(placement{}))}
	getWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&p)))
	fmt.Printf("zoomed=%d window=%v client=%d,%d work=%v show=%d normal=%v\n", z, w, c.Right, c.Bottom, work, p.ShowCmd, p.Normal)
	return nil
}

// until polls ok every 200 ms for 60 s at most.
func until(ok func() bool) {
	for deadline := time.Now().Add(wait); !ok() && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
}

func zoomed(hwnd uintptr) bool {
	r, _, _ := isZoomed.Call(hwnd)
	return r != 0
}

// rects is the window's frame and the work area of the monitor it is on, in screen
// coordinates.
func rects(hwnd uintptr) (w, work rect) {
	getWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&w)))
	mon, _, _ := monitorFromWindow.Call(hwnd, monitorDefaultToNearest)
	mi := monitorInfo{Size: uint32(unsafe.Sizeof(monitorInfo{}))}
	getMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi)))
	return w, mi.Work
}

// findSesame waits for the visible top-level window whose title begins with
// « Sésame » (60 s at most).
func findSesame() (uintptr, error) {
	var found uintptr
	cb := syscall.NewCallback(func(hwnd, _ uintptr) uintptr {
		if v, _, _ := isWindowVisible.Call(hwnd); v == 0 {
			return 1
		}
		if p, _, _ := getParent.Call(hwnd); p != 0 {
			return 1
		}
		buf := make([]uint16, 256)
		n, _, _ := getWindowTextW.Call(hwnd, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if strings.HasPrefix(windows.UTF16ToString(buf[:n]), "Sésame") {
			found = hwnd
			return 0
		}
		return 1
	})
	deadline := time.Now().Add(wait)
	for {
		found = 0
		enumWindows.Call(cb, 0)
		if found != 0 {
			return found, nil
		}
		if time.Now().After(deadline) {
			return 0, errors.New("no visible window titled « Sésame… » within 60 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
