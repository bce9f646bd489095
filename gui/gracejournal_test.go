package gui

import (
	"strings"
	"testing"
	"time"

	"sesame/service"
)

// A grace that runs out while nobody looks is in the journal when it is opened: at
// the instant it ended, "arrivée à échéance" where an administrator's name would be,
// and in English "ran out".
func TestJournalShowsAGraceThatRanOut(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	set := h.onFakeClock(start)
	s := h.openKeys("Loop APIkey")
	h.generate("Synchro banque")
	h.closeGenerated()
	h.renewFromDetails("Synchro banque", service.GraceHour)
	set(start.Add(5 * time.Hour))
	h.tap(s.back)
	h.tap(h.u.catalogueScreen.back)
	j := h.openJournal()
	rows := rowTexts(j)
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "27/11/2026 11:00:00 · Fin de la période de grâce · arrivée à échéance | Clé « Synchro banque »") ||
		!strings.Contains(rows[1], "Renouvellement du secret · Delhumeau Vincent") ||
		!strings.Contains(rows[1], "Délai de grâce de l'ancien secret : 1 heure") || !strings.Contains(rows[2], "Génération") {
		t.Fatalf("journal rows, newest first: %q", rows)
	}
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	t.Setenv("LANG", "en_US.UTF-8")
	if err := setUpLanguage(); err != nil {
		t.Fatal(err)
	}
	if title, _ := j.eventText(j.events[0]); !strings.HasSuffix(title, "End of the grace period · ran out") {
		t.Fatalf("in English: %q", title)
	}
	if _, detail := j.eventText(j.events[1]); !strings.Contains(detail, "Grace period of the old secret: 1 hour") {
		t.Fatalf("the renewal in English: %q", detail)
	}
}
