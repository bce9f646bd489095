package verify

import (
	"encoding/json"
	"sync"

	"golang.org/x/text/language"

	"sesame/assets/messages"
)

// The codes of Sésame's catalogue (sesame/assets/messages) that the middleware's
// refusals say.
const (
	codeKeyRefused        = "verify.key_refused"
	codeUnreachable       = "verify.server_unreachable"
	codeWrongService      = "apikey.wrong_service"
	codeRefusedAddress    = "restrict.refused_address"
	codeRefusedReadOnly   = "restrict.refused_read_only"
	codeRefusedRate       = "restrict.refused_rate"
	catalogueFrench       = "fr"
	catalogueEnglish      = "en"
	maxAcceptLanguageRead = 256
)

// sentences are the catalogue's sentences of the middleware's codes, by language
// ("fr", "en") then code; read once from the embedded catalogue.
var sentences = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range []string{catalogueFrench, catalogueEnglish} {
		out[lang] = map[string]string{}
		data, err := messages.FS.ReadFile(lang + ".json")
		if err != nil {
			continue
		}
		var all map[string]json.RawMessage
		if json.Unmarshal(data, &all) != nil {
			continue
		}
		for _, code := range []string{codeKeyRefused, codeUnreachable, codeWrongService, codeRefusedAddress, codeRefusedReadOnly, codeRefusedRate} {
			var s string
			if json.Unmarshal(all[code], &s) == nil {
				out[lang][code] = s
			}
		}
	}
	return out
})

var languages = language.NewMatcher([]language.Tag{language.French, language.English})

// callerLanguage is the catalogue language of an Accept-Language header: English
// when the caller prefers it, French otherwise.
func callerLanguage(acceptLanguage string) string {
	if acceptLanguage == "" || len(acceptLanguage) > maxAcceptLanguageRead {
		return catalogueFrench
	}
	tag, _ := language.MatchStrings(languages, acceptLanguage)
	if base, _ := tag.Base(); base.String() == catalogueEnglish {
		return catalogueEnglish
	}
	return catalogueFrench
}

// sentence is code's sentence in lang ("fr" or "en"), the code itself if the
// catalogue lacks it (its tests forbid that).
func sentence(code, lang string) string {
	if s, ok := sentences()[lang][code]; ok {
		return s
	}
	return code
}
