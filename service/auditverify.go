package service

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"strings"
	"time"

	"sesame/service/msg"
)

// AuditProblem names what breaks an audit chain.
type AuditProblem string

// The problems a verification finds.
const (
	AuditIntact    AuditProblem = ""        // every event is there and unaltered
	AuditAltered   AuditProblem = "altered" // an event's hash does not follow from its content and its predecessor
	AuditMissing   AuditProblem = "missing" // an event number is absent
	AuditBadHead   AuditProblem = "head"    // the last event is not the recorded head of the chain
	AuditBadAnchor AuditProblem = "anchor"  // an event no longer has the hash an earlier export gave it
	// A seal's MAC is not the sealing key's: forged, or made with another key.
	AuditSealForged AuditProblem = "seal_forged"
	// The chain read no longer leads to the hash a seal gave its event: an event up to
	// it was rewritten, added or removed, every hash recomputed.
	AuditSealBroken AuditProblem = "seal_broken"
	// The journal ends before the event a seal covers: it was cut.
	AuditSealCut AuditProblem = "seal_truncated"
	// There are seals but no sealing key to check them with.
	AuditSealNoKey AuditProblem = "seal_key_missing"
)

// AuditCheck is the result of verifying the whole chain.
type AuditCheck struct {
	Events  int64        // events read (a firm's own, for a firm: local.Portal)
	Head    AuditHead    // the recorded head (a firm's newest event, for a firm)
	Problem AuditProblem // AuditIntact when the chain is whole
	Event   int64        // the first altered or missing event's number
	Seals   int          // the seals checked (for a firm: at how many of its events they stop)
	// The seal a seal problem concerns (its event is Event), or the newest seal
	// when the journal is whole (for a firm: its newest event a seal covers, and
	// the first seal covering it).
	SealSeq int64
	SealAt  time.Time
}

// OK reports whether the chain is whole.
func (c AuditCheck) OK() bool { return c.Problem == AuditIntact }

// SealProblem reports whether the problem is a seal's: forged, broken, cut below,
// or without the key to check it.
func (c AuditCheck) SealProblem() bool {
	switch c.Problem {
	case AuditSealForged, AuditSealBroken, AuditSealCut, AuditSealNoKey:
		return true
	}
	return false
}

// MessageCode is the code of the sentence describing the result, whose {{.Count}} and
// {{.Event}} placeholders Data fills.
func (c AuditCheck) MessageCode() msg.Code {
	switch c.Problem {
	case AuditAltered:
		return MsgAuditAltered
	case AuditMissing:
		return MsgAuditMissing
	case AuditBadHead:
		return MsgAuditBadHead
	case AuditBadAnchor:
		return MsgAuditBadAnchor
	case AuditSealForged:
		return MsgAuditSealForged
	case AuditSealBroken:
		return MsgAuditSealBroken
	case AuditSealCut:
		return MsgAuditSealCut
	case AuditSealNoKey:
		return MsgAuditSealNoKey
	}
	switch {
	case c.Seals > 0:
		return MsgAuditIntactSealed
	case c.Events > 0:
		return MsgAuditIntactUnsealed
	}
	return MsgAuditIntact
}

// Data is what the placeholders of MessageCode's sentence stand for; the seal's
// number and date (SealDate, in the local time zone) whenever a seal is named.
func (c AuditCheck) Data() msg.Params {
	p := msg.Params{"Count": c.Events, "Event": c.Event}
	if c.Seals > 0 || !c.SealAt.IsZero() {
		p["Seal"], p["SealDate"] = c.SealSeq, c.SealAt.Local().Format("02/01/2006 15:04")
	}
	return p
}

// Message is the sentence in the process user's language (French for the command
// line), its placeholders filled.
func (c AuditCheck) Message() string { return msg.T(c.MessageCode(), c.Data()) }

// AuditVerifier checks a chain fed event by event, in increasing ID order, and stops
// at the first problem. The head is read before the events: events appended since
// are checked too, and the head must lie on the chain.
type AuditVerifier struct {
	check  AuditCheck
	prev   []byte // the previous event's hash, raw
	atHead string // the hash of the event numbered Head.Seq, once read
	anchor AuditHead
	atAnc  string      // the hash of the event numbered anchor.Seq, once read
	seals  []AuditSeal // by event number
	next   int         // the first seal whose event is not read yet
	noKey  bool        // seals without the key to check them
	buf    []byte
}

// Anchor asks the verification to check too that event a.Seq still has the hash
// a.Hash, the head an earlier export ended with: a chain rewritten since, hashes
// and head included, then shows.
func (v *AuditVerifier) Anchor(a AuditHead) { v.anchor = a }

// Seals asks the verification to check the journal's seals too: each one's MAC with
// key (nil when the key is missing, a problem once the chain is found whole), and
// that the chain read leads to the hash each seal gave its event. Call it before Add.
func (v *AuditVerifier) Seals(seals []AuditSeal, key *SealKey) {
	v.seals = slices.SortedStableFunc(slices.Values(seals), func(a, b AuditSeal) int { return cmp.Compare(a.Seq, b.Seq) })
	v.check.Seals = len(seals)
	v.noKey = key == nil && len(seals) > 0
	if key == nil || !v.check.OK() {
		return
	}
	for _, s := range v.seals {
		if !key.Authentic(s) {
			v.sealProblem(AuditSealForged, s)
			return
		}
	}
}

// sealProblem records a problem found at a seal.
func (v *AuditVerifier) sealProblem(p AuditProblem, s AuditSeal) {
	v.check.Problem, v.check.Event, v.check.SealSeq, v.check.SealAt = p, s.Seq, s.Seq, s.At
}

// NewAuditVerifier starts a verification against the recorded head.
func NewAuditVerifier(head AuditHead) *AuditVerifier {
	return &AuditVerifier{check: AuditCheck{Head: head}, prev: make([]byte, sha256.Size), buf: make([]byte, 0, 512)}
}

// Add checks the next event; false once a problem is found (later events are not
// looked at).
func (v *AuditVerifier) Add(ev AuditEvent) bool {
	if !v.check.OK() {
		return false
	}
	v.check.Events++
	want := v.check.Events
	if ev.ID != want {
		// A gap: the event numbered want was removed (or renumbered, which breaks
		// its hash anyway). A smaller ID cannot follow a larger one in ID order.
		v.check.Problem, v.check.Event = AuditMissing, want
		return false
	}
	v.buf = AppendCanonical(append(v.buf[:0], v.prev...), ev)
	sum := sha256.Sum256(v.buf)
	if !hexEqual(ev.Hash, sum[:]) {
		v.check.Problem, v.check.Event = AuditAltered, ev.ID
		return false
	}
	for ; v.next < len(v.seals) && v.seals[v.next].Seq <= ev.ID; v.next++ {
		if s := v.seals[v.next]; s.Seq == ev.ID && !hexEqual(strings.ToLower(s.Hash), sum[:]) {
			v.sealProblem(AuditSealBroken, s)
			return false
		}
	}
	copy(v.prev, sum[:])
	if ev.ID == v.check.Head.Seq {
		v.atHead = ev.Hash
	}
	if ev.ID == v.anchor.Seq {
		v.atAnc = ev.Hash
	}
	return true
}

// Finish checks that the recorded head is on the chain read and returns the result.
func (v *AuditVerifier) Finish() AuditCheck {
	if !v.check.OK() {
		return v.check
	}
	last := v.check.Events
	switch {
	case v.next < len(v.seals):
		v.sealProblem(AuditSealCut, v.seals[v.next])
	case last < v.check.Head.Seq:
		v.check.Problem, v.check.Event = AuditMissing, last+1
	case v.check.Head.Seq > 0 && !strings.EqualFold(v.atHead, v.check.Head.Hash):
		v.check.Problem, v.check.Event = AuditBadHead, v.check.Head.Seq
	case v.anchor.Seq > 0 && !strings.EqualFold(v.atAnc, v.anchor.Hash):
		v.check.Problem, v.check.Event = AuditBadAnchor, v.anchor.Seq
	case v.noKey:
		v.sealProblem(AuditSealNoKey, v.seals[len(v.seals)-1])
		v.check.Event = 0
	case len(v.seals) > 0:
		newest := v.seals[len(v.seals)-1]
		v.check.SealSeq, v.check.SealAt = newest.Seq, newest.At
	}
	return v.check
}

// hexEqual reports whether h is the lower-case hex form of sum.
func hexEqual(h string, sum []byte) bool {
	const digits = "0123456789abcdef"
	if len(h) != 2*len(sum) {
		return false
	}
	for i, c := range sum {
		if h[2*i] != digits[c>>4] || h[2*i+1] != digits[c&0xf] {
			return false
		}
	}
	return true
}
