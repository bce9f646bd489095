package local

import (
	"cmp"
	"slices"
	"time"

	"sesame/service"
)

// ownSeals finds what the journal's seals protect of one firm's events, whoever
// asked for them (the server each day, the firm, another firm): a seal covers the
// chain up to its event, so it vouches for the firm's events numbered up to it. A
// seal's own number is the whole chain's head when it was made, which would tell
// the firm how many events the others wrote: to the firm, a seal stops at its own
// newest event that the seal covers.
type ownSeals struct {
	pending []service.AuditSeal // by event number, not yet reached by the scan
	last    int64               // the firm's newest event read so far
	points  int                 // how many of the firm's events a seal stops at
	seq     int64               // the newest of them
	at      time.Time           // when the first seal covering it was made
}

// newOwnSeals starts with the journal's seals, in any order.
func newOwnSeals(seals []service.AuditSeal) *ownSeals {
	return &ownSeals{pending: slices.SortedStableFunc(slices.Values(seals), func(a, b service.AuditSeal) int {
		return cmp.Compare(a.Seq, b.Seq)
	})}
}

// read notes the journal's next event, numbered id (in increasing order), and
// whether it is the firm's.
func (o *ownSeals) read(id int64, mine bool) {
	o.reach(id - 1)
	if mine {
		o.last = id
	}
}

// finish places the seals beyond the last event read: once the whole chain is read,
// they cover every event of the firm's.
func (o *ownSeals) finish() { o.reach(1<<63 - 1) }

// reach places every pending seal whose event is numbered seq or less.
func (o *ownSeals) reach(seq int64) {
	for len(o.pending) > 0 && o.pending[0].Seq <= seq {
		s := o.pending[0]
		o.pending = o.pending[1:]
		switch {
		case o.last == 0: // none of the firm's events yet: nothing of its to vouch for
		case o.last != o.seq:
			o.points, o.seq, o.at = o.points+1, o.last, s.At
		case s.At.Before(o.at):
			o.at = s.At
		}
	}
}
