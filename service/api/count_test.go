package api_test

import (
	"encoding/json"
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
