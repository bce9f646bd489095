package service

import (
	"strings"
	"testing"
	"unicode/utf8"

	"sesame/service/msg"
)

func TestValidateKeyName(t *testing.T) {
	tests := []struct {
		name, in string
		wantMsg  msg.Code
	}{
		{"plain", "Felix", ""},
		{"trimmed to valid", "  Felix  ", ""},
		{"accents", "Clé d'accès élève", ""},
		{"SQL and markup kept", `'); DROP TABLE api_keys;-- <b>x</b> & "q"`, ""},
		{"100 characters", strings.Repeat("é", 100), ""},
		{"empty", "", MsgKeyNameBlank},
		{"blank", " \t ", MsgKeyNameBlank},
		{"101 characters", strings.Repeat("a", 101), MsgKeyNameTooLong},
		{"newline", "Fe\nlix", MsgKeyNameControl},
		{"tab inside", "Fe\tlix", MsgKeyNameControl},
		{"NUL", "Fe\x00lix", MsgKeyNameControl},
		{"bidi override", "Fe\u202elix", MsgKeyNameInvisible},
		{"bidi isolate", "Fe\u2067lix", MsgKeyNameInvisible},
		{"left-to-right mark", "Felix\u200e", MsgKeyNameInvisible},
		{"zero width joiner", "Fe\u200dlix", MsgKeyNameInvisible},
		{"zero width space", "Fe\u200blix", MsgKeyNameInvisible},
		{"soft hyphen", "Fe\u00adlix", MsgKeyNameInvisible},
		{"byte order mark", "\ufeffFelix", MsgKeyNameInvisible},
		{"NBSP only", "\u00a0\u3000", MsgKeyNameBlank},
		{"line separator", "Fe\u2028lix", MsgKeyNameControl},
		{"invalid UTF-8", "Fe\xfflix", MsgKeyNameInvalid},
	}
	for _, tt := range tests {
		err := ValidateKeyName(tt.in)
		if tt.wantMsg == "" {
			if err != nil {
				t.Errorf("%s: refused with %v", tt.name, err)
			}
			continue
		}
		if err == nil || ErrorMessage(err) != tt.wantMsg || ErrorField(err) != "name" || ErrorCode(err) != EINVALID {
			t.Errorf("%s: got %v, want the message %q on field name", tt.name, err, tt.wantMsg)
		}
	}
}

func TestValidateTiersCodeAndFirmSetup(t *testing.T) {
	for _, ok := range []string{"95963", "ABC12", "a1"} {
		if err := ValidateTiersCode(ok); err != nil {
			t.Errorf("code %q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "95 963", "95963;", "é1", strings.Repeat("1", 21)} {
		if err := ValidateTiersCode(bad); ErrorCode(err) != EINVALID {
			t.Errorf("code %q accepted", bad)
		}
	}
	good := FirmSetup{SICCode: "95963", FirmName: "FUTUROSCOPE CEDEX", AdminName: "Delhumeau Vincent"}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid setup refused: %v", err)
	}
	for _, bad := range []FirmSetup{
		{SICCode: "", FirmName: "F", AdminName: "A"},
		{SICCode: "1", FirmName: " ", AdminName: "A"},
		{SICCode: "1", FirmName: "F", AdminName: ""},
		{SICCode: "1", FirmName: "F\x07", AdminName: "A"},
	} {
		if err := bad.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("setup %+v accepted", bad)
		}
	}
}

// Issue 21, item 11: a SIC code is the firm's Cegid customer number, digits only;
// a tiers code keeps its letters. Each says its own sentence.
func TestValidateSICCode(t *testing.T) {
	for _, ok := range []string{"95963", "1", " 95963 ", strings.Repeat("9", 20)} {
		if err := ValidateSICCode(ok); err != nil {
			t.Errorf("SIC code %q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"abc", "95963a", "ABC12", "95 963", "-95963", "٩٥٩٦٣", "９５９６３", strings.Repeat("9", 21)} {
		err := ValidateSICCode(bad)
		if ErrorCode(err) != EINVALID || ErrorField(err) != "code" || ErrorMessage(err) != MsgSICCodeFormat {
			t.Errorf("SIC code %q: got %v, want %s on the code", bad, err, MsgSICCodeFormat)
		}
	}
	if err := ValidateSICCode("  "); ErrorMessage(err) != MsgSICCodeBlank {
		t.Errorf("a blank SIC code: got %v", err)
	}
	if got := msg.T(MsgSICCodeFormat, nil); !strings.Contains(got, "chiffres") {
		t.Errorf("the SIC code's sentence does not say digits: %q", got)
	}
	if err := (FirmSetup{SICCode: "abc", FirmName: "F", AdminName: "A"}).Validate(); ErrorMessage(err) != MsgSICCodeFormat {
		t.Errorf("a firm set up with the SIC code « abc »: %v", err)
	}
	if err := (Tiers{Code: "ABC12", Name: "SARL DUPONT"}).Validate(); err != nil {
		t.Errorf("a tiers code of letters and digits refused: %v", err)
	}
}

func TestFoldName(t *testing.T) {
	tests := map[string]string{
		"Élève":        "eleve",
		"ELEVE":        "eleve",
		"Cœur Ærien":   "coeur aerien",
		"Straße":       "strasse",
		"déjà-vu 100%": "deja-vu 100%",
	}
	for in, want := range tests {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzValidateKeyName(f *testing.F) {
	for _, s := range []string{"Felix", "", " ", "a\nb", strings.Repeat("x", 101), "\xff", "<b>'; --"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateKeyName(s)
		n := NormalizeKeyName(s)
		if err != nil {
			if ErrorField(err) != "name" || ErrorCode(err) != EINVALID {
				t.Fatalf("error %v is not a field error on name", err)
			}
			return
		}
		if n == "" || !utf8.ValidString(n) || utf8.RuneCountInString(n) > MaxKeyNameLength || hasControl(n) {
			t.Fatalf("accepted an invalid name %q", n)
		}
	})
}
