package gui

import (
	"testing"
	"time"

	"sesame/gui/keytext"
	"sesame/service"
)

// TestDatesFollowTheLocale: the journal's date fields, the expiry date and the keys
// page read and write dates in the order of the user's locale: 12/07/2026 is 12 July
// in France and the United Kingdom, 7 December in the United States.
func TestDatesFollowTheLocale(t *testing.T) {
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_TIME", "")
	for _, c := range []struct {
		locale  string
		read    time.Time
		written string
	}{
		{"fr_FR.UTF-8", time.Date(2026, time.July, 12, 0, 0, 0, 0, time.Local), "07/12/2026 09:30"},
		{"en_GB.UTF-8", time.Date(2026, time.July, 12, 0, 0, 0, 0, time.Local), "07/12/2026 09:30"},
		{"en_US.UTF-8", time.Date(2026, time.December, 7, 0, 0, 0, 0, time.Local), "12/07/2026 09:30"},
	} {
		t.Setenv("LANG", c.locale)
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
		if got, err := parseDay("12/07/2026"); err != nil || !got.Equal(c.read) {
			t.Errorf("%s: the journal reads 12/07/2026 as %v (%v), want %v", c.locale, got, err, c.read)
		}
		if got, err := service.ParseExpiryDate("12/07/2026", time.Local); err != nil || !got.Equal(c.read) {
			t.Errorf("%s: the expiry date 12/07/2026 is %v (%v), want %v", c.locale, got, err, c.read)
		}
		at := time.Date(2026, time.December, 7, 9, 30, 0, 0, time.Local)
		if got := at.Format(keytext.DateLayout()); got != c.written {
			t.Errorf("%s: the keys page writes 7 December 2026 09:30 as %q, want %q", c.locale, got, c.written)
		}
	}
}
