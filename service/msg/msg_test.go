package msg

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	tparse "text/template/parse"

	"golang.org/x/text/language"

	"sesame/assets/messages"
)

// Every code has a French and an English sentence, with the same placeholders and
// the same plural shape, so that no language lacks what the other says.
func TestFrenchAndEnglishHaveTheSameCodesAndPlaceholders(t *testing.T) {
	fr, en := rawCatalogue(t, "fr"), rawCatalogue(t, "en")
	if len(fr) < 50 {
		t.Fatalf("fr.json has only %d sentences", len(fr))
	}
	for code, f := range fr {
		e, ok := en[code]
		if !ok {
			t.Errorf("en.json lacks %s", code)
			continue
		}
		if len(f) != len(e) {
			t.Errorf("%s: French has %d forms, English %d", code, len(f), len(e))
			continue
		}
		for i := range f {
			if pf, pe := placeholders(t, f[i]), placeholders(t, e[i]); !slices.Equal(pf, pe) {
				t.Errorf("%s: French fills %v, English %v", code, pf, pe)
			}
			// The command line's sentences are formats: the same verbs, in the same order.
			if vf, ve := printfVerb.FindAllString(f[i], -1), printfVerb.FindAllString(e[i], -1); !slices.Equal(vf, ve) {
				t.Errorf("%s: French formats %v, English %v", code, vf, ve)
			}
			if f[i] == "" || e[i] == "" {
				t.Errorf("%s: an empty sentence", code)
			}
		}
	}
	for code := range en {
		if _, ok := fr[code]; !ok {
			t.Errorf("fr.json lacks %s", code)
		}
	}
}

// English quotes as English does: “Save as”, not « Save as », which French keeps.
func TestEnglishQuotesTheEnglishWay(t *testing.T) {
	for code, forms := range rawCatalogue(t, "en") {
		for _, f := range forms {
			if strings.ContainsAny(f, "«»") {
				t.Errorf("%s: French guillemets in English: %q", code, f)
			}
		}
	}
}

// printfVerb finds a format's verbs (%s, %d, %q, %w…).
var printfVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// rawCatalogue reads one language's file: each code's forms (one, or one and other).
func rawCatalogue(t *testing.T, lang string) map[string][]string {
	t.Helper()
	data, err := messages.FS.ReadFile(lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for code, v := range raw {
		switch v := v.(type) {
		case string:
			out[code] = []string{v}
		case map[string]any:
			one, _ := v["one"].(string)
			other, _ := v["other"].(string)
			out[code] = []string{one, other}
		default:
			t.Errorf("%s.json: %s is %T", lang, code, v)
		}
	}
	return out
}

// placeholders lists the fields a sentence's template reads, sorted.
func placeholders(t *testing.T, s string) []string {
	t.Helper()
	trees, err := tparse.Parse("s", s, "", "")
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	var out []string
	var walk func(tparse.Node)
	walk = func(n tparse.Node) {
		switch n := n.(type) {
		case *tparse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *tparse.ActionNode:
			for _, c := range n.Pipe.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *tparse.FieldNode:
			out = append(out, n.Ident...)
		}
	}
	walk(trees["s"].Root)
	slices.Sort(out)
	return slices.Compact(out)
}

func TestTextFillsPlaceholdersInEitherLanguage(t *testing.T) {
	if got := Text("audit.intact", French, Params{"Count": 3}); got != "Journal intègre : les 3 événements se suivent sans modification ni suppression." {
		t.Errorf("French: %q", got)
	}
	if got := Text("audit.intact", language.MustParse("en-GB"), Params{"Count": 3}); got != "Journal intact: the 3 events follow one another with nothing altered or removed." {
		t.Errorf("English: %q", got)
	}
	if got := Text("key.not_found", language.German, nil); got != "Cette clé d'API n'existe pas ou n'est plus accessible." {
		t.Errorf("German reads French: %q", got)
	}
	if got := Text("no.such_code", French, nil); got != "no.such_code" {
		t.Errorf("an unknown code reads %q", got)
	}
}

func TestParamsKeepNumbersAsSent(t *testing.T) {
	var p Params
	if err := json.Unmarshal([]byte(`{"Count":1000000}`), &p); err != nil {
		t.Fatal(err)
	}
	if got := Text("audit.intact", French, p); got != "Journal intègre : les 1000000 événements se suivent sans modification ni suppression." {
		t.Errorf("a count from JSON reads %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	for header, want := range map[string]language.Tag{
		"":                        French,
		"fr":                      French,
		"fr-FR,fr;q=0.9":          French,
		"en":                      English,
		"en-US,en;q=0.9":          English,
		"de-DE,en;q=0.8":          English,
		"de-DE":                   French,
		"it, fr;q=0.9, en;q=0.8":  French,
		"en;q=0.2, fr;q=0.9":      French,
		"not a language header !": French,
	} {
		if got := Negotiate(header); got != want {
			t.Errorf("Negotiate(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestLanguageIsFrenchUntilSet(t *testing.T) {
	defer SetLanguage(French)
	if Language() != French || T("key.not_found", nil) != Text("key.not_found", French, nil) {
		t.Fatalf("default language %v", Language())
	}
	SetLanguage(language.AmericanEnglish)
	if Language() != English || T("key.not_found", nil) != "This API key does not exist or can no longer be reached." {
		t.Fatalf("after SetLanguage(en-US): %v, %q", Language(), T("key.not_found", nil))
	}
}

// Negotiate keeps what it worked out for a few headers, never more: callers choose
// the header, and a map they could fill would be theirs to grow.
func TestNegotiateKeepsFewHeaders(t *testing.T) {
	for i := range 2 * maxKept {
		h := "en-GB, de;q=0." + strconv.Itoa(i%9+1) + ", x-" + strconv.Itoa(i)
		for range 2 { // worked out, then kept or not: the same answer
			if got := Negotiate(h); got != English {
				t.Fatalf("Negotiate(%q) = %v", h, got)
			}
		}
	}
	n := 0
	negotiated.Range(func(any, any) bool { n++; return true })
	if n > maxKept {
		t.Fatalf("%d headers kept, want at most %d", n, maxKept)
	}
	if Negotiate("fr-CA, en;q=0.5") != French || Negotiate("fr-CA, en;q=0.5") != French {
		t.Fatal("a French header reads English once kept")
	}
}
