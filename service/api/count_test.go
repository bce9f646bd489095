package api_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/api"
)

// A page's count survives the trip through JSON: exact, "more than", and absent on the
// pages after the first.
func TestKeyPageCountRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		count *service.KeyCount
		json  string
	}{
		{&service.KeyCount{N: 9999}, `"count":{"n":9999}`},
		{&service.KeyCount{N: service.KeyCountMax, More: true}, `"count":{"n":10000,"more":true}`},
		{&service.KeyCount{}, `"count":{"n":0}`},
		{nil, ""},
	} {
		b, err := json.Marshal(api.FromKeyPage(service.KeyPage{Next: "x", Count: tc.count}))
		if err != nil {
			t.Fatal(err)
		}
		if tc.json != "" && !strings.Contains(string(b), tc.json) || tc.json == "" && strings.Contains(string(b), "count") {
			t.Fatalf("%+v as JSON: %s, want %s", tc.count, b, tc.json)
		}
		var back api.KeyPage
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got := back.ToKeyPage().Count; !reflect.DeepEqual(got, tc.count) {
			t.Fatalf("round trip of %+v: %+v", tc.count, got)
		}
	}
}

// What the first page counts survives the trip through the query: with its rows (no
// parameter), the rows alone (count=0), the count alone (count=only); another value
// is refused.
func TestKeyFilterCountParameter(t *testing.T) {
	for _, tc := range []struct {
		f     service.KeyFilter
		query string
	}{
		{service.KeyFilter{Tiers: "95963", Service: "paie"}, ""},
		{service.KeyFilter{Tiers: "95963", Service: "paie", NoCount: true}, "0"},
		{service.KeyFilter{Tiers: "95963", Service: "paie", CountOnly: true}, "only"},
	} {
		v := api.KeyFilterQuery(tc.f)
		if got := v.Get(api.ParamCount); got != tc.query {
			t.Fatalf("%+v as a query: count=%q, want %q", tc.f, got, tc.query)
		}
		back, err := api.ParseKeyFilter(v)
		if err != nil || back.NoCount != tc.f.NoCount || back.CountOnly != tc.f.CountOnly {
			t.Fatalf("query %s read back as NoCount %v, CountOnly %v (%v)", v.Encode(), back.NoCount, back.CountOnly, err)
		}
	}
	if f, err := api.ParseKeyFilter(url.Values{api.ParamCount: {"1"}}); err != nil || f.NoCount || f.CountOnly {
		t.Fatalf("count=1: NoCount %v, CountOnly %v, %v; want the default", f.NoCount, f.CountOnly, err)
	}
	_, err := api.ParseKeyFilter(url.Values{api.ParamCount: {"all"}})
	if e := (*service.Error)(nil); !errors.As(err, &e) || e.Code != service.EINVALID {
		t.Fatalf("count=all: %v, want EINVALID", err)
	}
}
