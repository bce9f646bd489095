// Package msg renders the sentences users read from one catalogue of message codes
// (sesame/assets/messages), in French or English, and picks the language of an HTTP
// caller from its Accept-Language header. It imports no GUI, database or HTTP
// package: the domain, the server, the command line and the desktop all use it.
package msg

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"golang.org/x/text/language"

	"sesame/assets/messages"
)

// Code names a sentence of the catalogue: a stable dotted code such as
// "key.not_found", the same in every language.
type Code string

// Params fill a sentence's placeholders ({{.Count}} fills from Params{"Count": 3}).
type Params map[string]any

// The languages Sésame speaks; French first, the default.
var (
	French  = language.French
	English = language.English
)

// Languages are the catalogue's languages, French first.
var Languages = []language.Tag{French, English}

// entry is one sentence of one language: plain text, or a template when it has
// placeholders; Other is the plural form, when the sentence has one.
type entry struct {
	text, other   string
	tmpl, otherTm *template.Template
}

var catalogue = map[language.Tag]map[Code]entry{}

func init() {
	for _, tag := range Languages {
		m, err := load(tag)
		if err != nil {
			panic(err) // the catalogue is embedded: its tests fail first
		}
		catalogue[tag] = m
	}
}

// load reads one language's file: each value is a sentence, or {"one", "other"} for
// a sentence whose form follows {{.Count}}.
func load(tag language.Tag) (map[Code]entry, error) {
	name := tag.String() + ".json"
	data, err := messages.FS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m := make(map[Code]entry, len(raw))
	for code, v := range raw {
		var e entry
		var plural struct{ One, Other string }
		if json.Unmarshal(v, &e.text) != nil {
			if err := json.Unmarshal(v, &plural); err != nil || plural.One == "" || plural.Other == "" {
				return nil, fmt.Errorf("%s: %s is neither a sentence nor {one, other}", name, code)
			}
			e.text, e.other = plural.One, plural.Other
		}
		if e.tmpl, err = parse(e.text); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, code, err)
		}
		if e.otherTm, err = parse(e.other); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, code, err)
		}
		m[Code(code)] = e
	}
	return m, nil
}

// parse compiles a sentence with placeholders; nil for one without.
func parse(s string) (*template.Template, error) {
	if !strings.Contains(s, "{{") {
		return nil, nil
	}
	return template.New("").Option("missingkey=error").Parse(s)
}

// Text is the sentence of code in lang (French for any language but English), its
// placeholders filled from params. A code missing from the catalogue reads as itself
// (its tests forbid that).
func Text(code Code, lang language.Tag, params Params) string {
	e, ok := catalogue[Base(lang)][code]
	if !ok {
		return string(code)
	}
	text, tmpl := e.text, e.tmpl
	if e.other != "" && !one(lang, params["Count"]) {
		text, tmpl = e.other, e.otherTm
	}
	if tmpl == nil {
		return text
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any(params)); err != nil {
		return text
	}
	return b.String()
}

// one reports whether a count takes the singular form: 0 and 1 in French, 1 in
// English.
func one(lang language.Tag, count any) bool {
	var n float64
	switch c := count.(type) {
	case int:
		n = float64(c)
	case int64:
		n = float64(c)
	case float64:
		n = c
	case json.Number:
		f, err := c.Float64()
		if err != nil {
			return false
		}
		n = f
	default:
		return false
	}
	if Base(lang) == English {
		return n == 1
	}
	return n < 2
}

// Base is the catalogue language that serves tag: English for any English, French
// for everything else.
func Base(tag language.Tag) language.Tag {
	if b, _ := tag.Base(); b.String() == "en" {
		return English
	}
	return French
}

// Has reports whether the catalogue holds code.
func Has(code Code) bool {
	_, ok := catalogue[French][code]
	return ok
}

// Codes lists the catalogue's codes of lang, sorted.
func Codes(lang language.Tag) []Code {
	return slices.Sorted(maps.Keys(catalogue[Base(lang)]))
}

var matcher = language.NewMatcher(Languages)

// Negotiate picks the catalogue language for an Accept-Language header (RFC 9110
// §12.5.4): English when the caller prefers it, French otherwise, French for none.
// The answers for the first headers seen are kept: a server meets few distinct
// ones, and the matcher's work is many times a plain refusal's.
func Negotiate(acceptLanguage string) language.Tag {
	if acceptLanguage == "" {
		return French
	}
	if t, ok := negotiated.Load(acceptLanguage); ok {
		return t.(language.Tag)
	}
	tag, _ := language.MatchStrings(matcher, acceptLanguage)
	b := Base(tag)
	if len(acceptLanguage) <= maxKeptHeader && kept.Add(1) <= maxKept {
		negotiated.Store(acceptLanguage, b)
	}
	return b
}

// The headers Negotiate keeps: at most maxKept of them, each at most maxKeptHeader
// bytes, so that callers cannot grow the map.
const (
	maxKept       = 256
	maxKeptHeader = 128
)

var (
	negotiated sync.Map // Accept-Language header → catalogue language
	kept       atomic.Int32
)

var current atomic.Pointer[language.Tag]

// SetLanguage sets the language of the process's user: the desktop app sets it once
// at start-up; the server renders each answer in its caller's language instead.
func SetLanguage(lang language.Tag) {
	b := Base(lang)
	current.Store(&b)
}

// Language is the process user's language, French until SetLanguage says otherwise.
func Language() language.Tag {
	if l := current.Load(); l != nil {
		return *l
	}
	return French
}

// T is the sentence of code in the process user's language.
func T(code Code, params Params) string { return Text(code, Language(), params) }

// UnmarshalJSON reads parameters with their numbers as written (json.Number), so that
// a count sent by a server reads "1000000", not "1e+06".
func (p *Params) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	*p = m
	return nil
}
