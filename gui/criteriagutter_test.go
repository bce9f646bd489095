package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// inLanguage runs the rest of the test with the app in lang ("en_US.UTF-8"), and
// puts French back for the other tests.
func inLanguage(t *testing.T, lang string) {
	t.Helper()
	t.Cleanup(func() {
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	})
	t.Setenv("LANG", lang)
	if err := setUpLanguage(); err != nil {
		t.Fatal(err)
	}
}

// Issue 21, a look at every screen, item 4: unfolded in a window too short for
// them, the criteria scroll, and no field runs under the scroll bar or past the
// window's right edge, in French and in English.
func TestScrolledCriteriaKeepClearOfTheScrollBar(t *testing.T) {
	for _, language := range []string{"fr_FR.UTF-8", "en_US.UTF-8"} {
		t.Run(language, func(t *testing.T) {
			inLanguage(t, language)
			h := newHarness(t)
			h.setUpFirm()
			s := h.openKeys("Loop APIkey")
			c := s.criteria
			c.showCriteria(true)
			for _, size := range []fyne.Size{{Width: 683, Height: 768}, {Width: 683, Height: 480}, {Width: 1366, Height: 480}} {
				h.win.Resize(size)
				h.wait()
				view := c.criteriaBody.Objects[0]
				if c.fields.MinSize().Height <= view.Size().Height {
					t.Fatalf("%v: the criteria do not scroll (%v px for %v)", size, view.Size().Height, c.fields.MinSize().Height)
				}
				edge := where(view).X + view.Size().Width - theme.ScrollBarSize()
				for name, o := range map[string]fyne.CanvasObject{"the tiers": c.tiers, "the service": c.service,
					"the partner's name": c.partner, "the key's name": c.name, "the expiry date": c.expiresBefore,
					"« Sans date d'expiration »": c.noExpiry} {
					if right := where(o).X + o.Size().Width; right > edge+0.5 {
						t.Errorf("%v: %s ends at x=%v, under the scroll bar that starts at x=%v", size, name, right, edge)
					}
				}
				h.inWindow(fmt.Sprint(size, " the criteria"), view)
			}
			// Tall enough not to scroll: the fields take the whole width again, from
			// two columns to one too.
			h.win.Resize(fyne.NewSize(683, 900))
			h.wait()
			h.win.Resize(fyne.NewSize(1366, 768))
			h.wait()
			h.win.Resize(fyne.NewSize(683, 820)) // one column, scrolling a little
			h.wait()
			h.win.Resize(fyne.NewSize(683, 900))
			h.wait()
			view := c.criteriaBody.Objects[0]
			if c.fields.MinSize().Height > view.Size().Height {
				t.Fatalf("683×900: the criteria still scroll (%v px for %v)", view.Size().Height, c.fields.MinSize().Height)
			}
			if right, edge := where(c.tiers).X+c.tiers.Size().Width, where(view).X+view.Size().Width; right < edge-0.5 {
				t.Errorf("683×900, no scroll: the tiers ends at x=%v, short of the criteria's edge at x=%v", right, edge)
			}
		})
	}
}
