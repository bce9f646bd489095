package localdate

import (
	"testing"
	"time"
)

// TestLocalesReadAndWriteTheirOrder: the same 12/07/2026 is 12 July in France and
// the United Kingdom and 7 December in the United States, and each writes 7 December
// its own way.
func TestLocalesReadAndWriteTheirOrder(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	december7 := time.Date(2026, time.December, 7, 0, 0, 0, 0, paris)
	july12 := time.Date(2026, time.July, 12, 0, 0, 0, 0, paris)
	for _, c := range []struct {
		locale      string
		reads       time.Time
		writes      string
		placeholder string
	}{
		{"fr-FR", july12, "07/12/2026 09:30", "jj/mm/aaaa"},
		{"fr_FR.UTF-8", july12, "07/12/2026 09:30", "jj/mm/aaaa"},
		{"en-GB", july12, "07/12/2026 09:30", "dd/mm/yyyy"},
		{"en_GB.UTF-8", july12, "07/12/2026 09:30", "dd/mm/yyyy"},
		{"en-US", december7, "12/07/2026 09:30", "mm/dd/yyyy"},
		{"en_US.UTF-8", december7, "12/07/2026 09:30", "mm/dd/yyyy"},
	} {
		o := ForLocale(c.locale)
		if got, err := o.Parse("12/07/2026", paris); err != nil || !got.Equal(c.reads) {
			t.Errorf("%s reads 12/07/2026 as %v (%v), want %v", c.locale, got, err, c.reads)
		}
		if got := december7.Add(9*time.Hour + 30*time.Minute).Format(o.DateTimeLayout()); got != c.writes {
			t.Errorf("%s writes 7 December 2026 09:30 as %q, want %q", c.locale, got, c.writes)
		}
		dayFirst := map[bool]string{true: "jj/mm/aaaa", false: "dd/mm/yyyy"}[c.locale[:2] == "fr"]
		if got := o.Placeholder(dayFirst); got != c.placeholder {
			t.Errorf("%s hints %q, want %q", c.locale, got, c.placeholder)
		}
	}
}

// TestParseTakesWhatPeopleType: one-digit days and months, other separators, ISO;
// the impossible and the empty are refused.
func TestParseTakesWhatPeopleType(t *testing.T) {
	want := time.Date(2026, time.December, 7, 0, 0, 0, 0, time.UTC)
	for o, inputs := range map[Order][]string{
		DayFirst:   {"07/12/2026", "7/12/2026", "07-12-2026", "7.12.2026", " 07/12/2026 ", "2026-12-07"},
		MonthFirst: {"12/07/2026", "12/7/2026", "12-07-2026", "12.7.2026", "2026-12-07"},
	} {
		for _, s := range inputs {
			if got, err := o.Parse(s, time.UTC); err != nil || !got.Equal(want) {
				t.Errorf("order %d: Parse(%q) = %v, %v", o, s, got, err)
			}
		}
	}
	for _, s := range []string{"", "31/31/2026", "13/13/2026", "demain", "07/12"} {
		for _, o := range []Order{DayFirst, MonthFirst} {
			if _, err := o.Parse(s, time.UTC); err == nil {
				t.Errorf("order %d: Parse(%q) accepted", o, s)
			}
		}
	}
}

// TestUseSetsCurrent: day first until the GUI says otherwise.
func TestUseSetsCurrent(t *testing.T) {
	t.Cleanup(func() { Use(DayFirst) })
	if Current() != DayFirst {
		t.Fatal("the order is not day first before Use")
	}
	Use(ForLocale("en-US"))
	if Current() != MonthFirst {
		t.Fatal("Use(MonthFirst) did not take")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"07/12/2026", "12/7/2026", "2026-12-07", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range []Order{DayFirst, MonthFirst} {
			d, err := o.Parse(s, time.UTC)
			if err == nil && (d.Hour() != 0 || d.Minute() != 0) {
				t.Errorf("Parse(%q) = %v: not at midnight", s, d)
			}
		}
	})
}
