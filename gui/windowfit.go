package gui

import (
	"math"

	"fyne.io/fyne/v2"
)

// pixelRect is a rectangle of the screen in pixels, as Windows gives them (right and
// bottom exclusive).
type pixelRect struct{ left, top, right, bottom int }

func (r pixelRect) width() int  { return r.right - r.left }
func (r pixelRect) height() int { return r.bottom - r.top }

// contentLimit is the largest content, in Fyne units at scale pixels per unit, whose
// window (the content and the frame around it: borders and title bar) fits in the
// work area (the monitor without its taskbar).
func contentLimit(work, frame pixelRect, scale float32) fyne.Size {
	w := float64(work.width()-frame.width()) / float64(scale)
	h := float64(work.height()-frame.height()) / float64(scale)
	return fyne.NewSize(float32(math.Floor(w)), float32(math.Floor(h)))
}

// restoredSize is the size the window opens at: the saved size, shrunk to limit where
// it is larger (a size saved on a bigger screen); an unknown limit (zero) leaves it.
func restoredSize(saved, limit fyne.Size) fyne.Size {
	if limit.Width <= 0 || limit.Height <= 0 {
		return saved
	}
	return fyne.NewSize(min(saved.Width, limit.Width), min(saved.Height, limit.Height))
}

// closedState is what the app keeps of a window that closes: the size of its content
// when it is shown as it is; when it is maximised or minimised (closed from the
// taskbar), its normal size (the frame it returns to, less the frame's borders and
// title bar, at scale pixels per unit), so that the next start maximises a window
// that still un-maximises to that size. A normal frame that says nothing (empty)
// keeps the content's size.
func closedState(content fyne.Size, maximised, minimised bool, normal, frame pixelRect, scale float32) windowState {
	if !maximised && !minimised || normal.width() <= frame.width() || normal.height() <= frame.height() || scale <= 0 {
		return windowState{size: content, maximised: maximised}
	}
	return windowState{
		size: fyne.NewSize(float32(normal.width()-frame.width())/scale,
			float32(normal.height()-frame.height())/scale),
		maximised: maximised,
	}
}

// insideWork moves a window's frame into the work area, keeping its size where it
// fits: its right and bottom edges first, then its left and top ones, so that its
// title bar stays reachable when it is larger.
func insideWork(win, work pixelRect) pixelRect {
	dx, dy := 0, 0
	if win.right > work.right {
		dx = work.right - win.right
	}
	if win.bottom > work.bottom {
		dy = work.bottom - win.bottom
	}
	if win.left+dx < work.left {
		dx = work.left - win.left
	}
	if win.top+dy < work.top {
		dy = work.top - win.top
	}
	return pixelRect{win.left + dx, win.top + dy, win.right + dx, win.bottom + dy}
}
