package gui

import (
	"encoding/json"
	"sync"

	"sesame/assets"
)

// The catalogue is data, not the app's own sentences: a firm's server may serve
// categories and descriptions that no translation file knows. dataText shows the
// English of those Sésame ships (assets/translations/en.json) when the app speaks
// English, and the text as it is otherwise, without asking Fyne's translator (which
// logs a "Translation failure" for every unknown text).
var (
	dataMu      sync.RWMutex
	dataEnglish map[string]string // nil when the app speaks French
)

// setDataLanguage loads the English of the data texts, or forgets it for French.
func setDataLanguage(english bool) error {
	var m map[string]string
	if english {
		b, err := assets.Translations.ReadFile("translations/en.json")
		if err != nil {
			return err
		}
		var all map[string]any // plural forms are objects: not data texts
		if err := json.Unmarshal(b, &all); err != nil {
			return err
		}
		m = make(map[string]string, len(all))
		for k, v := range all {
			if s, ok := v.(string); ok {
				m[k] = s
			}
		}
	}
	dataMu.Lock()
	dataEnglish = m
	dataMu.Unlock()
	return nil
}

// dataText is a catalogue text in the app's language when Sésame knows it.
func dataText(s string) string {
	dataMu.RLock()
	defer dataMu.RUnlock()
	if v, ok := dataEnglish[s]; ok {
		return v
	}
	return s
}

// speaksEnglish reports whether the app shows English (French otherwise).
func speaksEnglish() bool {
	dataMu.RLock()
	defer dataMu.RUnlock()
	return dataEnglish != nil
}
