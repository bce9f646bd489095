package api

import (
	"encoding/json"
	"reflect"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// DateLayout is the short form of a date the API reads (AAAA-MM-JJ): 00:00 UTC that
// day.
const DateLayout = "2006-01-02"

// Instant is an instant the API reads: RFC 3339 or AAAA-MM-JJ; it answers every
// instant as RFC 3339 in UTC to the second (wire).
type Instant struct{ time.Time }

// MarshalJSON writes the instant as RFC 3339, UTC, to the second.
func (t Instant) MarshalJSON() ([]byte, error) { return json.Marshal(wire(t.Time)) }

// UnmarshalJSON reads RFC 3339 or AAAA-MM-JJ; anything else, and the zero instant
// (0001-01-01T00:00:00Z, which would read as "no date"), is a type error that the
// decoder names with its field.
func (t *Instant) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		if v, ok := parseInstant(s); ok {
			t.Time = v
			return nil
		}
	}
	return &json.UnmarshalTypeError{Value: "date " + string(b), Type: reflect.TypeFor[Instant]()}
}

// parseInstant reads RFC 3339 or AAAA-MM-JJ; the zero instant is refused.
func parseInstant(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.Parse(DateLayout, s)
	}
	if err != nil || t.IsZero() || t.Year() < 1 {
		return time.Time{}, false
	}
	return t, true
}

// instantParam reads a query parameter's instant; absent, the zero time.
func instantParam(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, ok := parseInstant(s)
	if !ok {
		return time.Time{}, dateError(name)
	}
	return t, nil
}

// dateError is the refusal of a date the API cannot read, naming where it was.
func dateError(name string) *service.Error {
	return &service.Error{Code: service.EINVALID, Field: name, Message: MsgDateFormat, Params: msg.Params{"Name": name}}
}

// wire is an instant as the API answers it: UTC, to the second.
func wire(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }
