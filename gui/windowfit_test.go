package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The frame Windows 10 draws around a window at 96 dpi (AdjustWindowRectEx on an
// empty rectangle): 8 px borders, a 31 px title bar and its top border.
var frame96 = pixelRect{-8, -31, 8, 8}

func TestRestoredSizeFitsTheWorkArea(t *testing.T) {
	laptop := pixelRect{0, 0, 1366, 728}   // 1366×768 less a 40 px taskbar
	big := pixelRect{0, 0, 2560, 1400}     // 2560×1440 less its taskbar
	right := pixelRect{1920, 0, 3286, 728} // the laptop's screen right of a 1920 px one
	for _, tc := range []struct {
		name  string
		saved fyne.Size
		work  pixelRect
		scale float32
		want  fyne.Size
	}{
		{"fits: unchanged", fyne.NewSize(1000, 540), laptop, 1, fyne.NewSize(1000, 540)},
		{"saved on a big screen, opened on a laptop", fyne.NewSize(2400, 1300), laptop, 1, fyne.NewSize(1350, 689)},
		{"too wide only", fyne.NewSize(1800, 500), laptop, 1, fyne.NewSize(1350, 500)},
		{"too high only", fyne.NewSize(900, 900), laptop, 1, fyne.NewSize(900, 689)},
		{"at 125 %, units are larger than pixels", fyne.NewSize(1200, 700), laptop, 1.25, fyne.NewSize(1080, 551)},
		{"at 150 % on the big screen", fyne.NewSize(1600, 1000), big, 1.5, fyne.NewSize(1600, 907)},
		{"a second monitor's work area, away from 0,0", fyne.NewSize(2400, 1300), right, 1, fyne.NewSize(1350, 689)},
		{"exactly the largest that fits", fyne.NewSize(1350, 689), laptop, 1, fyne.NewSize(1350, 689)},
		{"unknown work area: unchanged", fyne.NewSize(2400, 1300), pixelRect{}, 1, fyne.NewSize(2400, 1300)},
	} {
		got := restoredSize(tc.saved, contentLimit(tc.work, frame96, tc.scale))
		if got != tc.want {
			t.Errorf("%s: %v restores as %v, want %v", tc.name, tc.saved, got, tc.want)
		}
		// What the window then takes, in pixels, lies inside the work area.
		if tc.work.width() > 0 {
			w := int(got.Width*tc.scale+0.999) + frame96.width()
			h := int(got.Height*tc.scale+0.999) + frame96.height()
			if w > tc.work.width() || h > tc.work.height() {
				t.Errorf("%s: the window restored takes %d×%d px, beyond its work area of %d×%d", tc.name, w, h, tc.work.width(), tc.work.height())
			}
		}
	}
}

func TestWhatIsSavedWhenTheWindowCloses(t *testing.T) {
	for _, tc := range []struct {
		name      string
		content   fyne.Size
		maximised bool
		minimised bool
		normal    pixelRect
		scale     float32
		want      windowState
	}{
		{"not maximised: its size", fyne.NewSize(1000, 540), false, false, pixelRect{100, 80, 1116, 659}, 1, windowState{size: fyne.NewSize(1000, 540)}},
		{"maximised: the size it returns to, and maximised", fyne.NewSize(1366, 697), true, false, pixelRect{100, 80, 1116, 659}, 1,
			windowState{size: fyne.NewSize(1000, 540), maximised: true}},
		{"maximised at 125 %", fyne.NewSize(1093, 557), true, false, pixelRect{0, 0, 1266, 714}, 1.25,
			windowState{size: fyne.NewSize(1000, 540), maximised: true}},
		{"minimised, closed from the taskbar: the size it returns to", fyne.NewSize(0, 0), false, true, pixelRect{100, 80, 1116, 659}, 1,
			windowState{size: fyne.NewSize(1000, 540)}},
		{"minimised from maximised: the size it returns to, and maximised", fyne.NewSize(0, 0), true, true, pixelRect{100, 80, 1116, 659}, 1,
			windowState{size: fyne.NewSize(1000, 540), maximised: true}},
		{"maximised, no normal frame known: its size, and maximised", fyne.NewSize(1366, 697), true, false, pixelRect{}, 1,
			windowState{size: fyne.NewSize(1366, 697), maximised: true}},
	} {
		if got := closedState(tc.content, tc.maximised, tc.minimised, tc.normal, frame96, tc.scale); got != tc.want {
			t.Errorf("%s: saved %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestARestoredWindowIsMovedInsideTheWorkArea(t *testing.T) {
	work := pixelRect{0, 0, 1366, 728}
	for _, tc := range []struct {
		name string
		win  pixelRect
		want pixelRect
	}{
		{"inside: unmoved", pixelRect{100, 50, 1116, 629}, pixelRect{100, 50, 1116, 629}},
		{"past the right and bottom edges", pixelRect{600, 400, 1616, 979}, pixelRect{350, 149, 1366, 728}},
		{"above and left of the area", pixelRect{-200, -40, 816, 539}, pixelRect{0, 0, 1016, 579}},
		{"larger than the area: its title bar stays on screen", pixelRect{50, 50, 1500, 900}, pixelRect{0, 0, 1450, 850}},
	} {
		if got := insideWork(tc.win, work); got != tc.want {
			t.Errorf("%s: %v moves to %v, want %v", tc.name, tc.win, got, tc.want)
		}
	}

	// What a user sees: a saved state comes back maximised and with its size.
	p := test.NewTempApp(t).Preferences()
	saveWindowState(p, windowState{size: fyne.NewSize(1000, 540), maximised: true})
	if got := savedWindowState(p); got != (windowState{size: fyne.NewSize(1000, 540), maximised: true}) {
		t.Errorf("the saved state comes back as %+v", got)
	}
}

// Closing the window keeps its size and, outside Windows, never a maximised state
// (the Windows side runs under Wine: test/wine's TestWindowStateUnderWine).
func TestClosingTheWindowKeepsItsSize(t *testing.T) {
	h := launch(t, t.TempDir(), nil, func(p fyne.Preferences) { p.SetBool(prefWindowMaximised, true) })
	h.win.Resize(fyne.NewSize(900, 500))
	h.win.Close()
	if got := savedWindowState(h.app.Preferences()); got != (windowState{size: fyne.NewSize(900, 500)}) {
		t.Errorf("after closing a 900×500 window, the next start opens %+v", got)
	}
}
