package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Issue 21, a look at every screen, item 5: the journal's criteria read as one
// form: « Nom de la clé d'API » starts where « Du » and « Administrateur » start,
// one row under them with the same gap, in French and English, wide and narrow.
func TestJournalCriteriaAreAligned(t *testing.T) {
	for _, language := range []string{"fr_FR.UTF-8", "en_US.UTF-8"} {
		t.Run(language, func(t *testing.T) {
			inLanguage(t, language)
			h := newHarness(t)
			h.setUpFirm()
			j := h.openJournal()
			for _, width := range []float32{1366, 683} {
				h.win.Resize(fyne.NewSize(width, 768))
				h.wait()
				from, login, name := where(j.from), where(j.login), where(j.keyName)
				if from.X != login.X || login.X != name.X {
					t.Errorf("%v px: the fields start at x=%v (Du), %v (Administrateur), %v (Nom de la clé d'API)", width, from.X, login.X, name.X)
				}
				step := login.Y - from.Y
				if got := name.Y - login.Y; got > step+0.5 || got < step-0.5 {
					t.Errorf("%v px: the key name is %v px under Administrateur, which is %v px under Du", width, got, step)
				}
				h.under("the key name and Filtrer", j.keyName, j.filter)
				h.inWindow("the key name", j.keyName)
			}
		})
	}
}
