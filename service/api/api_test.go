package api_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
)

// A key survives the trip through JSON unchanged but for its instants, answered in
// RFC 3339 UTC to the second (absent ones omitted), so that the remote Portal shows
// what the local one would.
func TestKeyRoundTrip(t *testing.T) {
	at := time.Date(2026, 3, 14, 15, 9, 26, 535000000, time.UTC)
	for _, k := range []service.Key{
		{ID: "7KQ2-M9XD-4TRB-H3WZ", Tiers: "95963", Service: "loop-apikey", Name: "Félix \"<&>\"", CreatedAt: at,
			CreatedBy: "DELHUMEAU Vincent", Status: service.StatusActive, SecretHint: "ssk_Ab3x…"},
		{ID: "7KQ2-M9XD-4TRB-H3WY", Tiers: "95963", Service: "dsn", Name: "x", CreatedAt: at, CreatedBy: "A",
			Status: service.StatusRevoked, RevokedAt: at.Add(time.Hour), RevokedBy: "B", LastUsedAt: at.Add(time.Minute), ExpiresAt: at.Add(24 * time.Hour)},
	} {
		b, err := json.Marshal(api.FromKey(k))
		if err != nil {
			t.Fatal(err)
		}
		var back api.Key
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		want := k // every instant answered to the second
		for _, at := range []*time.Time{&want.CreatedAt, &want.RevokedAt, &want.LastUsedAt, &want.ExpiresAt} {
			*at = at.Truncate(time.Second)
		}
		if got := back.ToKey(); !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip:\n got %+v\nwant %+v\njson %s", got, want, b)
		}
		if !strings.Contains(string(b), `"createdAt":"2026-03-14T15:09:26Z"`) {
			t.Fatalf("createdAt not RFC 3339 UTC to the second: %s", b)
		}
		if k.RevokedAt.IsZero() && strings.Contains(string(b), "revokedAt") {
			t.Fatalf("absent instant serialised: %s", b)
		}
	}
}

func TestKeyFilterQueryRoundTrip(t *testing.T) {
	f := service.KeyFilter{Tiers: "95963", Service: "loop-apikey", Statuses: []service.KeyStatus{service.StatusRevoked},
		NameContains: "é & =", Sort: service.SortName, Descending: true, Cursor: "abc", Limit: 25, NoExpiry: true, GraceOverDays: 7}
	got, err := api.ParseKeyFilter(api.KeyFilterQuery(f))
	if err != nil || !reflect.DeepEqual(got, f) {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, bad := range []string{"status=lost", "desc=perhaps", "noExpiry=perhaps", "graceOverDays=0", "graceOverDays=week", "limit=-1", "limit=many"} {
		q, _ := url.ParseQuery(bad)
		if _, err := api.ParseKeyFilter(q); service.ErrorCode(err) != service.EINVALID || service.ErrorField(err) == "" {
			t.Errorf("%s: %v", bad, err)
		}
	}
	a := service.AuditFilter{Tiers: []string{"1", "2"}, Before: 99, Limit: 10}
	if got, err := api.ParseAuditFilter(api.AuditQuery(a)); err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("audit: %+v %v", got, err)
	}
}

// The problem document carries the service error across HTTP and back.
func TestProblemRoundTrip(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
	}{
		{service.FieldError("name", service.MsgKeyNameBlank), http.StatusUnprocessableEntity},
		{service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, errors.New("cause for the log")), http.StatusNotFound},
		{service.Errorf(service.ECONFLICT, service.MsgKeyRevoked, nil), http.StatusConflict},
		{service.Errorf(service.ERATELIMITED, service.MsgRateLimited, nil), http.StatusTooManyRequests},
		{service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, nil), http.StatusServiceUnavailable},
		{service.Errorf(service.EFORBIDDEN, service.MsgForbidden, nil), http.StatusForbidden},
		{errors.New("a bug with a secret ssk_xyz"), http.StatusInternalServerError},
	} {
		p := api.ProblemFor(c.err, msg.French)
		b, _ := json.Marshal(p)
		if p.Status != c.status || strings.Contains(string(b), "ssk_xyz") || strings.Contains(string(b), "cause for the log") {
			t.Errorf("%v: %s", c.err, b)
		}
		var back api.Problem
		_ = json.Unmarshal(b, &back)
		e := back.Err()
		if e.Code != service.ErrorCode(c.err) || e.Message != service.ErrorMessage(c.err) || e.Field != service.ErrorField(c.err) {
			t.Errorf("%v came back as %+v", c.err, e)
		}
	}
	// A proxy's error page, without a problem document.
	if e := (api.Problem{Status: http.StatusBadGateway}).Err(); e.Code != service.EUNAVAILABLE || e.Message == "" {
		t.Errorf("502: %+v", e)
	}
}
