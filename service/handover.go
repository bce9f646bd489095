package service

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"math/big"
	"strings"
	"time"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// StatusPending is a key handed over by a pickup link and not picked up yet
// (« En attente de remise »): refused everywhere, like a suspended key, until the
// partner opens the link and types the code.
const StatusPending KeyStatus = "pending"

// The sentences of a secure handover, as codes of the message catalogue.
const (
	MsgHandoverValidity    msg.Code = "handover.validity_invalid"
	MsgHandoverServerOnly  msg.Code = "handover.server_only"
	MsgHandoverNotActive   msg.Code = "handover.key_not_active"
	MsgHandoverSuspended   msg.Code = "handover.key_suspended"
	MsgKeyPendingRenew     msg.Code = "key.pending_no_renewal"
	MsgHandoverLinkEnded   msg.Code = "handover.link_ended"
	MsgHandoverReusedWhy   msg.Code = "handover.reason_reused"
	MsgHandoverCodesWhy    msg.Code = "handover.reason_wrong_codes"
	MsgDetailHandoverUntil msg.Code = "audit.detail_handover_until"
)

// The validities a pickup link may have; HandoverDefault when none is asked.
const (
	HandoverDay     = 24 * time.Hour
	HandoverDefault = 72 * time.Hour
	HandoverWeek    = 7 * 24 * time.Hour
)

// HandoverValidities are the validities offered, shortest first.
var HandoverValidities = []time.Duration{HandoverDay, HandoverDefault, HandoverWeek}

// MaxHandoverFailures is how many wrong codes a link takes, from any address, before
// it dies and its key is suspended.
const MaxHandoverFailures = 5

// The reasons of a suspension that a failed handover made (Suspension.Reason and the
// journal's Detail), stored as these codes and shown in the reader's language
// (SuspensionReasonText).
const (
	SuspendReasonHandoverReused = "handover-link-reused"
	SuspendReasonHandoverCodes  = "handover-wrong-codes"
)

// SuspensionReasonText is a suspension's reason in lang: the sentence of a reason a
// failed handover gave, or the administrator's words as they typed them.
func SuspensionReasonText(reason string, lang language.Tag) string {
	switch reason {
	case SuspendReasonHandoverReused:
		return msg.Text(MsgHandoverReusedWhy, lang, nil)
	case SuspendReasonHandoverCodes:
		return msg.Text(MsgHandoverCodesWhy, lang, nil)
	}
	return reason
}

// Handover is what is known of a key's pickup link: while Pending, the key waits for
// its partner until Until (after it, the link is dead and the key stays inactive);
// once picked up, when and from which address.
type Handover struct {
	Pending      bool
	Until        time.Time
	PickedUpAt   time.Time // zero until picked up
	PickedUpFrom string
}

// HandoverRequest asks for a pickup link for a key, valid for Validity (one of
// HandoverValidities; zero: HandoverDefault).
type HandoverRequest struct {
	KeyID    string
	Validity time.Duration
}

// HandoverLink is a pickup link and its code, given once to the administrator: the
// link to send to the partner, the code to give by another channel (phone, SMS).
// Neither is stored: the server keeps their digests only.
type HandoverLink struct {
	Key   Key
	URL   string
	Code  string
	Until time.Time
}

// NormalizeValidity checks a link's validity; zero is HandoverDefault.
func NormalizeValidity(d time.Duration) (time.Duration, error) {
	if d == 0 {
		return HandoverDefault, nil
	}
	for _, v := range HandoverValidities {
		if d == v {
			return d, nil
		}
	}
	return 0, FieldError("validity", MsgHandoverValidity)
}

// handoverCodeDigits is the length of a pickup code: dictated over the phone.
const handoverCodeDigits = 8

// NewHandoverToken draws a pickup link's token (256 random bits, base64url) and its
// code (handoverCodeDigits digits, shown grouped by four).
func NewHandoverToken() (token, code string, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	var b strings.Builder
	ten := big.NewInt(10)
	for i := 0; i < handoverCodeDigits; i++ {
		d, err := rand.Int(rand.Reader, ten)
		if err != nil {
			return "", "", err
		}
		b.WriteByte(byte('0' + d.Int64()))
	}
	return base64.RawURLEncoding.EncodeToString(raw), b.String(), nil
}

// FormatHandoverCode groups a code's digits by four, to be read out.
func FormatHandoverCode(code string) string {
	if len(code) != handoverCodeDigits {
		return code
	}
	return code[:4] + " " + code[4:]
}

// ValidHandoverToken reports whether s has the shape of a pickup token.
func ValidHandoverToken(s string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(raw) == 32
}

// HandoverTokenDigest is what the store keeps of a token.
func HandoverTokenDigest(token string) []byte {
	d := sha256.Sum256([]byte("sesame handover token v1\x00" + token))
	return d[:]
}

// HandoverCodeDigest is what the store keeps of a code: bound to its token, so that
// a code is right for one link only and a copy of the database without the token
// gives no way to try codes.
func HandoverCodeDigest(token, code string) []byte {
	d := sha256.Sum256([]byte("sesame handover code v1\x00" + token + "\x00" + normalizeCode(code)))
	return d[:]
}

// HandoverCodeMatches compares a typed code with the stored digest, in constant time.
func HandoverCodeMatches(token, typed string, digest []byte) bool {
	return subtle.ConstantTimeCompare(HandoverCodeDigest(token, typed), digest) == 1
}

// normalizeCode keeps a typed code's digits: spaces and dashes a person adds go.
func normalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return 'x' // anything else makes the code wrong, not shorter
	}, code)
}
