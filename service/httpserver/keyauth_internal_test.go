package httpserver

import (
	"encoding/base64"
	"testing"

	"sesame/service"
)

// The fast path agrees with service.ParseIdentifier on every input.
func FuzzCanonicalIdentifier(f *testing.F) {
	for _, s := range []string{"7KQ2-M9XD-4TRB-H3WZ", "7kq2m9xd4trbh3wz", "7KQ2-M9XD-4TRB-H3WU", "OOOO-IIII-LLLL-0000", "7KQ2 M9XD 4TRB H3WZ", "", "7KQ2-M9XD-4TRB-H3W-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := canonicalIdentifier(s)
		want, wantErr := service.ParseIdentifier(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("canonicalIdentifier(%q) = %q, %v; ParseIdentifier: %q, %v", s, got, gotErr, want, wantErr)
		}
	})
}

// decodeBasicAuth undoes RFC 6749 §2.3.1's form-encoding of each part.
func TestDecodeBasicAuth(t *testing.T) {
	for header, want := range map[string][2]string{
		"Basic " + b64std("id%2B1:s%2B%2F%3D%26x"): {"id+1", "s+/=&x"},
		"basic " + b64std("a+b:c+d"):               {"a b", "c d"},
		"Basic " + b64std("id:sec:ret"):            {"id", "sec:ret"},
	} {
		id, secret, ok := decodeBasicAuth(header)
		if !ok || id != want[0] || secret != want[1] {
			t.Errorf("%s: %q %q %v", header, id, secret, ok)
		}
	}
	for _, bad := range []string{"Bearer x", "Basic !!!", "Basic " + b64std("nocolon"), "Basic " + b64std("a:%zz")} {
		if _, _, ok := decodeBasicAuth(bad); ok {
			t.Errorf("%s accepted", bad)
		}
	}
}

func b64std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
