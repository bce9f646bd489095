package main

import (
	"testing"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// The scan's summary counts in words, in French and in English, for none, one and
// many files, secrets and active keys: never « fichier(s) ».
func TestScanSummaryCountsInWords(t *testing.T) {
	for _, c := range []struct {
		lang                 language.Tag
		files, found, active int64
		want                 string
	}{
		{msg.French, 0, 0, 0, "0 fichier lu, 0 secret trouvé."},
		{msg.French, 1, 0, 0, "1 fichier lu, 0 secret trouvé."},
		{msg.French, 2, 1, 0, "2 fichiers lus, 1 secret trouvé, dont aucun d'une clé active."},
		{msg.French, 1, 1, 1, "1 fichier lu, 1 secret trouvé, dont 1 d'une clé active."},
		{msg.French, 4, 5, 3, "4 fichiers lus, 5 secrets trouvés, dont 3 de clés actives."},
		{msg.English, 0, 0, 0, "0 files read, 0 secrets found."},
		{msg.English, 1, 0, 0, "1 file read, 0 secrets found."},
		{msg.English, 2, 1, 0, "2 files read, 1 secret found, none from an active key."},
		{msg.English, 1, 1, 1, "1 file read, 1 secret found, 1 from an active key."},
		{msg.English, 4, 5, 3, "4 files read, 5 secrets found, 3 from active keys."},
	} {
		if got := scanSummary(c.lang, c.files, c.found, c.active); got != c.want {
			t.Errorf("%s, %d files, %d found, %d active: %q, want %q", c.lang, c.files, c.found, c.active, got, c.want)
		}
	}
}
