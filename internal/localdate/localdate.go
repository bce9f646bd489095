// Package localdate writes and reads calendar dates in the order of the user's
// locale: day first (07/12/2026 is 7 December) in France, the United Kingdom and
// most of the world, month first (12/07/2026 is 7 December) in the United States.
// The GUI picks the order once at start (Use); the pages that write or read a date
// follow Current.
package localdate

import (
	"errors"
	"strings"
	"sync/atomic"
	"time"
)

// Order is the place of the day and the month in a written date.
type Order int32

const (
	DayFirst   Order = iota // 07/12/2026: France, the United Kingdom, most locales
	MonthFirst              // 12/07/2026: the United States
)

// ForLocale is the order of a locale, as a BCP 47 tag ("en-US") or a POSIX locale
// ("en_US.UTF-8"): month first for the United States, day first otherwise.
func ForLocale(locale string) Order {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '-' || r == '_' })
	for _, p := range parts[min(1, len(parts)):] {
		if strings.EqualFold(p, "US") {
			return MonthFirst
		}
	}
	return DayFirst
}

var current atomic.Int32 // an Order; DayFirst until Use

// Use sets the order that Current returns.
func Use(o Order) { current.Store(int32(o)) }

// Current is the order set by Use, day first before.
func Current() Order { return Order(current.Load()) }

// DateLayout is the time.Format layout of a date: "02/01/2006" or "01/02/2006".
func (o Order) DateLayout() string {
	if o == MonthFirst {
		return "01/02/2006"
	}
	return "02/01/2006"
}

// DateTimeLayout is a date followed by the time of day on 24 hours.
func (o Order) DateTimeLayout() string { return o.DateLayout() + " 15:04" }

// Placeholder turns the day-first hint of an entry ("jj/mm/aaaa", "dd/mm/yyyy", as
// translated) into the order's: "mm/dd/yyyy" when the month comes first.
func (o Order) Placeholder(dayFirst string) string {
	f := strings.SplitN(dayFirst, "/", 3)
	if o != MonthFirst || len(f) != 3 {
		return dayFirst
	}
	return f[1] + "/" + f[0] + "/" + f[2]
}

// ErrUnparseable is returned for a text that is no date in the order.
var ErrUnparseable = errors.New("localdate: not a date")

// Parse reads a date typed in the order (with /, - or . between the numbers, one or
// two digits for the day and the month), or as yyyy-mm-dd, at 00:00 in loc.
func (o Order) Parse(s string, loc *time.Location) (time.Time, error) {
	layouts := []string{"02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006", "2.1.2006"}
	if o == MonthFirst {
		layouts = []string{"01/02/2006", "1/2/2006", "01-02-2006", "1-2-2006", "01.02.2006", "1.2.2006"}
	}
	s = strings.TrimSpace(s)
	for _, layout := range append(layouts, "2006-01-02") {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, ErrUnparseable
}
