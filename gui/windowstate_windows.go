package gui

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// The user32 calls that Fyne has no API for: the window's maximised state, its normal
// frame, and the work area of its monitor.
var (
	user32                       = windows.NewLazySystemDLL("user32.dll")
	procGetWindowPlacement       = user32.NewProc("GetWindowPlacement")
	procGetWindowRect            = user32.NewProc("GetWindowRect")
	procSetWindowPos             = user32.NewProc("SetWindowPos")
	procShowWindow               = user32.NewProc("ShowWindow")
	procMonitorFromWindow        = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfoW          = user32.NewProc("GetMonitorInfoW")
	procGetWindowLongPtrW        = user32.NewProc("GetWindowLongPtrW")
	procAdjustWindowRectEx       = user32.NewProc("AdjustWindowRectEx")
	procAdjustWindowRectExForDpi = user32.NewProc("AdjustWindowRectExForDpi") // Windows 10 1607 and later
	procGetDpiForWindow          = user32.NewProc("GetDpiForWindow")          // Windows 10 1607 and later
)

const (
	swShowMinimized         = 2
	swShowMaximized         = 3
	wpfRestoreToMaximized   = 2
	swMaximize              = 3
	swpNoSize               = 0x0001
	swpNoZOrder             = 0x0004
	swpNoActivate           = 0x0010
	monitorDefaultToNearest = 2
	gwlStyle                = -16
	gwlExStyle              = -20
	wsMaximize              = 0x01000000
)

// windowPlacement is Win32's WINDOWPLACEMENT.
type windowPlacement struct {
	length         uint32
	flags          uint32
	showCmd        uint32
	minPosition    [2]int32
	maxPosition    [2]int32
	normalPosition windows.Rect
}

// monitorInfo is Win32's MONITORINFO.
type monitorInfo struct {
	size    uint32
	monitor windows.Rect
	work    windows.Rect
	flags   uint32
}

// windowHandle is the window's HWND, 0 before it shows or after it closed.
func windowHandle(w fyne.Window) uintptr {
	var hwnd uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				hwnd = c.HWND
			}
		})
	}
	return hwnd
}

// currentWindowState is what the app keeps of its window as it closes: whether it is
// maximised (or minimised from a maximised window), and the size it returns to when
// it is not (Windows' normal placement), rather than the maximised size.
func currentWindowState(w fyne.Window) windowState {
	content := w.Canvas().Size()
	hwnd := windowHandle(w)
	if hwnd == 0 {
		return windowState{size: content}
	}
	p := windowPlacement{length: uint32(unsafe.Sizeof(windowPlacement{}))}
	if ok, _, _ := procGetWindowPlacement.Call(hwnd, uintptr(unsafe.Pointer(&p))); ok == 0 {
		return windowState{size: content}
	}
	minimised := p.showCmd == swShowMinimized
	maximised := p.showCmd == swShowMaximized || minimised && p.flags&wpfRestoreToMaximized != 0
	return closedState(content, maximised, minimised, pixels(p.normalPosition), frameOf(hwnd), w.Canvas().Scale())
}

// restoreWindowState shrinks the window, once shown, to fit the work area of the
// monitor it opened on (a size saved on a bigger screen), moves it inside that area,
// then maximises it if it was when the app closed. It runs on the UI goroutine.
func restoreWindowState(w fyne.Window, s windowState) {
	hwnd := windowHandle(w)
	if hwnd == 0 {
		return
	}
	mon, _, _ := procMonitorFromWindow.Call(hwnd, monitorDefaultToNearest)
	mi := monitorInfo{size: uint32(unsafe.Sizeof(monitorInfo{}))}
	if ok, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); ok != 0 {
		work := pixels(mi.work)
		if size := restoredSize(s.size, contentLimit(work, frameOf(hwnd), w.Canvas().Scale())); size != s.size {
			w.Resize(size)
		}
		var r windows.Rect
		if ok, _, _ := procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&r))); ok != 0 {
			if now, in := pixels(r), insideWork(pixels(r), work); in != now {
				procSetWindowPos.Call(hwnd, 0, uintptr(in.left), uintptr(in.top), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
			}
		}
	}
	if s.maximised {
		procShowWindow.Call(hwnd, swMaximize)
	}
}

// frameOf is what the window's frame (borders, title bar) adds around its content
// when it is not maximised, at the window's DPI where Windows can tell it.
func frameOf(hwnd uintptr) pixelRect {
	style := windowLong(hwnd, gwlStyle) &^ wsMaximize
	ex := windowLong(hwnd, gwlExStyle)
	var r windows.Rect
	if procAdjustWindowRectExForDpi.Find() == nil && procGetDpiForWindow.Find() == nil {
		if dpi, _, _ := procGetDpiForWindow.Call(hwnd); dpi != 0 {
			if ok, _, _ := procAdjustWindowRectExForDpi.Call(uintptr(unsafe.Pointer(&r)), style, 0, ex, dpi); ok != 0 {
				return pixels(r)
			}
		}
	}
	if ok, _, _ := procAdjustWindowRectEx.Call(uintptr(unsafe.Pointer(&r)), style, 0, ex); ok == 0 {
		return pixelRect{}
	}
	return pixels(r)
}

// windowLong is GetWindowLongPtr's answer, a style's bits.
func windowLong(hwnd uintptr, index int32) uintptr {
	v, _, _ := procGetWindowLongPtrW.Call(hwnd, uintptr(index))
	return v & 0xffffffff
}

// pixels is a Win32 rectangle as the window's arithmetic takes it.
func pixels(r windows.Rect) pixelRect {
	return pixelRect{int(r.Left), int(r.Top), int(r.Right), int(r.Bottom)}
}
