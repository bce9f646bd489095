package service

import "time"

// UsageDays is how many days of daily use counts a key's details show.
const UsageDays = 30

// DailyUse is how many times a key authenticated a request on one day (UTC).
type DailyUse struct {
	Day  time.Time // 00:00 UTC of that day
	Uses int64
}

// KeyDetails is what the details panel shows for the selected key: the key and its
// uses per day over the last UsageDays days, oldest first, one entry per day, and
// what its restrictions refused.
type KeyDetails struct {
	Key      Key
	Uses     []DailyUse
	Refusals Refusals // what the key's restrictions refused
}

// DayOf returns the number of the UTC day of t since the Unix epoch: how stores
// count uses per day.
func DayOf(t time.Time) int64 {
	return t.UTC().Unix() / 86400
}

// DayStart returns 00:00 UTC of day number d.
func DayStart(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

// DailyUses spreads sparse counts (day number → uses) over the UsageDays days ending
// with now's day, oldest first.
func DailyUses(counts map[int64]int64, now time.Time) []DailyUse {
	last := DayOf(now)
	out := make([]DailyUse, 0, UsageDays)
	for d := last - UsageDays + 1; d <= last; d++ {
		out = append(out, DailyUse{Day: DayStart(d), Uses: counts[d]})
	}
	return out
}
