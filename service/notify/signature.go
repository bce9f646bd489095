package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader carries a webhook request's signature: "t=UNIX,v1=HEX", where HEX
// is the HMAC-SHA256, keyed by the webhook's secret, of the decimal timestamp, a
// dot, and the request's body. A receiver recomputes it, compares in constant time,
// and refuses a timestamp outside its tolerance (and one it has seen already): a
// request replayed later is refused.
const SignatureHeader = "Sesame-Signature"

// EventHeader carries the notification's kind, IDHeader its ID (the same on every
// attempt of a delivery, so that a receiver can drop duplicates).
const (
	EventHeader = "Sesame-Event"
	IDHeader    = "Sesame-Delivery"
)

// Sign returns the SignatureHeader value of body sent at t.
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("webhook signature does not match")
	ErrStale        = errors.New("webhook timestamp outside the tolerance")
)

// Verify checks a SignatureHeader value against body at now: the MAC must match and
// the timestamp be within tolerance of now. It returns the signed timestamp, which a
// receiver remembers for the tolerance's span to refuse a replay.
func Verify(secret []byte, header string, body []byte, now time.Time, tolerance time.Duration) (time.Time, error) {
	var ts string
	var sigs [][]byte
	for part := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return time.Time{}, ErrBadSignature
	}
	want := mac(secret, ts, body)
	ok := false
	for _, s := range sigs {
		ok = ok || hmac.Equal(s, want)
	}
	if !ok {
		return time.Time{}, ErrBadSignature
	}
	at := time.Unix(sec, 0)
	if d := now.Sub(at); d > tolerance || d < -tolerance {
		return at, ErrStale
	}
	return at, nil
}
