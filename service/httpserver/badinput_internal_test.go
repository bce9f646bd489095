package httpserver

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestJSONEscapesValid(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`{"a":"b"}`, true},
		{`{"a":"\\ud800"}`, true}, // an escaped backslash, then text
		{`{"a":"\ud83d\udd11"}`, true},
		{`{"a":"\uD83D\uDD11 ok"}`, true},
		{`{"a":"\u00e9\"\u0041"}`, true},
		{`{"a":"\ud800"}`, false},
		{`{"a":"\ud800x"}`, false},
		{`{"a":"\ud800\n"}`, false},
		{`{"a":"\ud800\ud800"}`, false},
		{`{"a":"\udfff"}`, false},
		{`{"a":"\u0000"}`, false},
		{`{"\u0000":1}`, false},
		{`{"a":"\ud8`, true}, // malformed: the decoder refuses it
	} {
		if got := jsonEscapesValid([]byte(tc.in)); got != tc.want {
			t.Errorf("jsonEscapesValid(%s) = %v", tc.in, got)
		}
	}
}

// FuzzJSONEscapesValid checks the scanner against the decoder: whatever it lets
// through decodes to strings that are UTF-8 without U+FFFD it did not contain, and
// without NUL.
func FuzzJSONEscapesValid(f *testing.F) {
	for _, s := range []string{`"a"`, `"\ud800"`, `"\ud83d\udd11"`, `"\\u0000"`, `["\u0000"]`, `{"\udc00":""}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) || !jsonEscapesValid(b) {
			return
		}
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				if !validText(x) || (containsRune(x, utf8.RuneError) && !containsRune(string(b), utf8.RuneError) && !containsFFFDEscape(b)) {
					t.Fatalf("%q let through, decodes to %q", b, x)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for k, e := range x {
					walk(k)
					walk(e)
				}
			}
		}
		walk(v)
	})
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

func containsFFFDEscape(b []byte) bool {
	for i := 0; i+6 <= len(b); i++ {
		if b[i] == '\\' && b[i+1] == 'u' {
			if r, ok := hex4(b, i+2); ok && r == utf8.RuneError {
				return true
			}
		}
	}
	return false
}
