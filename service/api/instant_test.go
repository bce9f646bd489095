package api_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"sesame/service/api"
)

// An instant is read as RFC 3339 or AAAA-MM-JJ (00:00 UTC), never as the zero
// instant, and written as RFC 3339 UTC to the second.
func TestInstantForms(t *testing.T) {
	for in, want := range map[string]time.Time{
		`"2026-12-09"`:                     time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC),
		`"2026-12-09T10:30:00Z"`:           time.Date(2026, 12, 9, 10, 30, 0, 0, time.UTC),
		`"2026-12-09T10:30:00.5+01:00"`:    time.Date(2026, 12, 9, 9, 30, 0, 500000000, time.UTC),
		`"1970-01-01T00:00:00Z"`:           time.Unix(0, 0).UTC(),
		`"9999-12-31T23:59:59.999999999Z"`: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	} {
		var got api.Instant
		if err := json.Unmarshal([]byte(in), &got); err != nil || !got.Equal(want) {
			t.Errorf("%s: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{`"0001-01-01T00:00:00Z"`, `"0001-01-01"`, `"15/12/2026"`, `"2026-12-9"`, `""`, `0`, `null`, `"demain"`} {
		var got api.Instant
		err := json.Unmarshal([]byte(in), &got)
		if in == `null` { // JSON null leaves the instant untouched; a *Instant stays nil
			continue
		}
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			t.Errorf("%s: %v, %v; want a type error", in, got, err)
		}
	}
	b, _ := json.Marshal(api.Instant{Time: time.Date(2026, 12, 9, 10, 30, 0, 123456789, time.FixedZone("Paris", 3600))})
	if string(b) != `"2026-12-09T09:30:00Z"` {
		t.Errorf("written as %s", b)
	}
	var req api.GenerateRequest
	err := json.Unmarshal([]byte(`{"expiresAt":"0001-01-01T00:00:00Z"}`), &req)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field != "expiresAt" {
		t.Errorf("a zero expiresAt: %v, want a type error naming expiresAt", err)
	}
	if req.ToGenerateRequest().Expiry.Never() && err == nil {
		t.Error("a zero expiresAt read as never")
	}
}

// FuzzInstant: reading never panics, and what is read is never the zero instant and
// is written back as an instant that reads the same to the second.
func FuzzInstant(f *testing.F) {
	for _, s := range []string{"2026-12-09", "2026-12-09T10:30:00Z", "0001-01-01T00:00:00Z", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		raw, _ := json.Marshal(s)
		var in api.Instant
		if json.Unmarshal(raw, &in) != nil {
			return
		}
		if in.IsZero() {
			t.Fatalf("%q read as the zero instant", s)
		}
		b, err := json.Marshal(in)
		if err != nil {
			return // years beyond RFC 3339's four digits
		}
		var back api.Instant
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(in.Truncate(time.Second)) {
			t.Fatalf("%q → %s → %v (%v)", s, b, back, err)
		}
	})
}
