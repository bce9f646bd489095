package keytext

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"sesame/assets/messages"
	"sesame/service"
)

// TestMain loads the app's French sentences, whatever the machine's language, as
// the app does for a French administrator.
func TestMain(m *testing.M) {
	fr, err := messages.FS.ReadFile("fr.json")
	if err != nil {
		panic(err)
	}
	if err := lang.AddTranslationsForLocale(fr, "en"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func TestSince(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)
	for _, c := range []struct {
		ago  time.Duration
		want string
	}{
		{30 * time.Second, "à l'instant"},
		{12 * time.Minute, "il y a 12 min"},
		{3*time.Hour + 59*time.Minute, "il y a 3 h"},
		{5*24*time.Hour + time.Hour, "il y a 5 j"},
	} {
		if got := Since(now.Add(-c.ago), now); got != c.want {
			t.Errorf("Since(%v ago) = %q, want %q", c.ago, got, c.want)
		}
	}
	if got := Since(time.Time{}, now); got != "jamais" {
		t.Errorf("Since(never) = %q", got)
	}
}

func TestKeyLifeTexts(t *testing.T) {
	until := time.Date(2026, 12, 8, 9, 30, 0, 0, time.Local)
	exp := time.Date(2027, 1, 31, 0, 0, 0, 0, time.Local)
	for _, c := range []struct {
		name                    string
		k                       service.Key
		expires, grace, details string
	}{
		{"plain", service.Key{Status: service.StatusActive}, "Jamais", "", "Active"},
		{"expiring", service.Key{Status: service.StatusActive, ExpiresAt: exp}, "30/01/2027 24:00", "", "Active"},
		{"renewed, timed", service.Key{Status: service.StatusActive, OldSecret: &service.OldSecret{Until: until}}, "Jamais",
			"ancien secret valable jusqu'au 08/12/2026 09:30", "Active — ancien secret valable jusqu'au 08/12/2026 09:30"},
		{"renewed, first use", service.Key{Status: service.StatusActive, OldSecret: &service.OldSecret{}}, "Jamais",
			"en attente du premier usage du nouveau secret", "Active — en attente du premier usage du nouveau secret"},
		{"revoked after a renewal", service.Key{Status: service.StatusRevoked, OldSecret: &service.OldSecret{Until: until}}, "Jamais", "", "Révoquée"},
		{"expired", service.Key{Status: service.StatusExpired, ExpiresAt: exp}, "30/01/2027 24:00", "", "Expirée"},
	} {
		if got := Expires(c.k); got != c.expires {
			t.Errorf("%s: Expires = %q, want %q", c.name, got, c.expires)
		}
		if got := Grace(c.k); got != c.grace {
			t.Errorf("%s: Grace = %q, want %q", c.name, got, c.grace)
		}
		if got := StatusLine(c.k); got != c.details {
			t.Errorf("%s: StatusLine = %q, want %q", c.name, got, c.details)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n      int
		fr, en string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1\u202f000", "1,000"},
		{100000, "100\u202f000", "100,000"},
		{1234567, "1\u202f234\u202f567", "1,234,567"},
		{-1234, "-1\u202f234", "-1,234"},
	} {
		if got := Count(c.n, false); got != c.fr {
			t.Errorf("Count(%d, fr) = %q, want %q", c.n, got, c.fr)
		}
		if got := Count(c.n, true); got != c.en {
			t.Errorf("Count(%d, en) = %q, want %q", c.n, got, c.en)
		}
	}
}

func TestTallyText(t *testing.T) {
	for _, c := range []struct {
		name string
		t    Tally
		rows int
		want string
	}{
		{"counting", Tally{Counting: true}, 50, "50 clés d'API, décompte en cours…"},
		{"one row, not counted", Tally{}, 1, "1 clé d'API affichée"},
		{"rows of a Portal that does not count", Tally{}, 3, "3 clés d'API affichées"},
		{"counted", Tally{Total: &service.KeyCount{N: 100000}}, 50, "50 sur 100\u202f000 clés d'API"},
		{"one of one", Tally{Total: &service.KeyCount{N: 1}}, 1, "1 sur 1 clé d'API"},
		{"counting stopped", Tally{Total: &service.KeyCount{N: 10000, More: true}}, 50, "50 sur plus de 10\u202f000 clés d'API"},
		{"with the new key", Tally{Total: &service.KeyCount{N: 4}, Extra: true}, 5, "4 sur 4 clés d'API + la nouvelle clé"},
		{"a row revoked out of the criteria", Tally{Total: &service.KeyCount{N: 3}, Gone: 1}, 4, "3 sur 3 clés d'API"},
	} {
		if got := c.t.Text(c.rows, false); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestExpiryWarning(t *testing.T) {
	now := time.Date(2026, 12, 7, 15, 4, 0, 0, time.Local)
	limit := WarnLimit(now)
	if want := time.Date(2027, 1, 6, 0, 0, 0, 0, time.Local); !limit.Equal(want) {
		t.Fatalf("WarnLimit = %v, want %v", limit, want)
	}
	ks := []service.Key{
		{ID: "A", Tiers: "1", Service: "loop", ExpiresAt: limit.Add(-time.Minute)},
		{ID: "B", Tiers: "1", Service: "loop", ExpiresAt: limit},
		{ID: "C", Tiers: "2", Service: "loop", ExpiresAt: now.Add(24 * time.Hour)},
		{ID: "D", Tiers: "1", Service: "paie", ExpiresAt: now.Add(24 * time.Hour)},
	}
	for _, c := range []struct {
		tiers, svc string
		want       string
	}{
		{"", "", "ACD"},
		{"1", "", "AD"},
		{"1", "loop", "A"},
		{"3", "", ""},
	} {
		got := ""
		for _, k := range ExpiringBefore(ks, limit, c.tiers, c.svc) {
			got += k.ID
		}
		if got != c.want {
			t.Errorf("ExpiringBefore(%q, %q) = %s, want %s", c.tiers, c.svc, got, c.want)
		}
	}
}

func TestCriteriaSummaryAndSameness(t *testing.T) {
	before := time.Date(2027, 1, 6, 0, 0, 0, 0, time.Local)
	base := service.KeyFilter{Tiers: "1", Service: "loop", Statuses: []service.KeyStatus{service.StatusActive, service.StatusRevoked}}
	for _, c := range []struct {
		name string
		f    service.KeyFilter
		want string
		same bool
	}{
		{"initial", base, "T · S · Active, Révoquée", true},
		{"name with spaces", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, NameContains: " paie "},
			"T · S · Active, Révoquée · nom contenant « paie »", false},
		{"no status", service.KeyFilter{Tiers: "1", Service: "loop"}, "T · S · aucun", false},
		{"life", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, ExpiresBefore: before, UnusedDays: 90},
			"T · S · Active, Révoquée · expire avant le 06/01/2027 · inutilisée depuis plus de 90 jours", false},
		{"firm keys", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, Kind: service.KindFirm},
			"T · S · Active, Révoquée · clés du cabinet", false},
		{"no expiry", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, NoExpiry: true},
			"T · S · Active, Révoquée · sans date d'expiration", false},
		{"old secret", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, GraceOverDays: 7},
			"T · S · Active, Révoquée · ancien secret valable depuis plus de 7 jours", false},
		{"partner keys", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, Kind: service.KindPartner},
			"T · S · Active, Révoquée · clés partenaires", false},
		{"a partner", service.KeyFilter{Tiers: "1", Service: "loop", Statuses: base.Statuses, Kind: service.KindPartner, PartnerContains: " acme "},
			"T · S · Active, Révoquée · partenaire contenant « acme »", false},
	} {
		if got := Summary(c.f, "T", "S"); got != c.want {
			t.Errorf("%s: Summary = %q, want %q", c.name, got, c.want)
		}
		if got := SameCriteria(c.f, base); got != c.same {
			t.Errorf("%s: SameCriteria = %v, want %v", c.name, got, c.same)
		}
	}
	spaced := base
	spaced.NameContains = "  "
	if !SameCriteria(spaced, base) {
		t.Error("a name of spaces differs from none")
	}
}

func TestHidesNone(t *testing.T) {
	all := []service.KeyStatus{service.StatusActive, service.StatusExpired, service.StatusRevoked, service.StatusSuspended, service.StatusPending}
	for _, c := range []struct {
		name string
		f    service.KeyFilter
		want bool
	}{
		{"initial", service.KeyFilter{Statuses: all}, true},
		{"all but Suspendue", service.KeyFilter{Statuses: all[:3]}, false},
		{"a name of spaces", service.KeyFilter{Statuses: all, NameContains: " "}, true},
		{"a name", service.KeyFilter{Statuses: all, NameContains: "paie"}, false},
		{"active only", service.KeyFilter{Statuses: all[:1]}, false},
		{"active and expired", service.KeyFilter{Statuses: all[:2]}, false},
		{"expires before", service.KeyFilter{Statuses: all, ExpiresBefore: time.Now()}, false},
		{"unused for 90 days", service.KeyFilter{Statuses: all, UnusedDays: 90}, false},
		{"no expiry", service.KeyFilter{Statuses: all, NoExpiry: true}, false},
		{"old secret", service.KeyFilter{Statuses: all, GraceOverDays: 7}, false},
		{"firm keys", service.KeyFilter{Statuses: all, Kind: service.KindFirm}, false},
		{"partner keys", service.KeyFilter{Statuses: all, Kind: service.KindPartner}, false},
	} {
		if got := HidesNone(c.f); got != c.want {
			t.Errorf("%s: HidesNone = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestGraces(t *testing.T) {
	for _, tracksUse := range []bool{true, false} {
		graces, def := Graces(tracksUse)
		if got := slices.Contains(graces, service.GraceFirstUse); got != tracksUse {
			t.Errorf("tracksUse %v: first-use grace offered %v", tracksUse, got)
		}
		if !slices.Contains(graces, def) || !slices.Contains(graces, service.GraceNone) || !slices.Contains(graces, service.GraceDay) {
			t.Errorf("tracksUse %v: %v, default %v", tracksUse, graces, def)
		}
	}
	if _, def := Graces(false); def != service.GraceDay {
		t.Errorf("local mode selects %v at first, want 24 h", def)
	}
}

func TestFirmMaximumTexts(t *testing.T) {
	for _, c := range []struct {
		max  int
		want []int
	}{
		{0, []int{30, 90, 180, 365}},
		{60, []int{30, 60}},
		{90, []int{30, 90}},
		{20, []int{20}},
		{400, []int{30, 90, 180, 365, 400}},
	} {
		if got := ExpiryDays(c.max); !slices.Equal(got, c.want) {
			t.Errorf("ExpiryDays(%d) = %v, want %v", c.max, got, c.want)
		}
	}
	day := time.Date(2026, 12, 17, 0, 0, 0, 0, time.Local)
	end := EndOfDay(day)
	if want := time.Date(2026, 12, 18, 0, 0, 0, 0, time.Local); !end.Equal(want) {
		t.Errorf("EndOfDay(17/12) = %v", end)
	}
	if got := Expires(service.Key{ExpiresAt: end}); got != "17/12/2026 24:00" {
		t.Errorf("a key living through 17/12 reads %q", got)
	}
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	if got := LastExpiryDay(now, 60).Format("02/01/2006"); got != "25/01/2027" {
		t.Errorf("LastExpiryDay(27/11 10:00, 60) = %s", got)
	}
	if got := LastExpiryDay(time.Date(2026, 11, 27, 0, 0, 0, 0, time.Local), 60).Format("02/01/2006"); got != "25/01/2027" {
		t.Errorf("LastExpiryDay(27/11 00:00, 60) = %s", got)
	}
	p := service.KeyPolicy{MaxLifetimeDays: 60}
	created := now.AddDate(0, -1, 0)
	for _, c := range []struct {
		name string
		k    service.Key
		flag bool
	}{
		{"never", service.Key{Status: service.StatusActive, CreatedAt: created}, true},
		{"a year", service.Key{Status: service.StatusActive, CreatedAt: created, ExpiresAt: created.AddDate(1, 0, 0)}, true},
		{"60 days", service.Key{Status: service.StatusActive, CreatedAt: created, ExpiresAt: created.AddDate(0, 0, 60)}, false},
		{"the last day, to its end", service.Key{Status: service.StatusActive, CreatedAt: now, ExpiresAt: EndOfDay(LastExpiryDay(now, 60))}, false},
		{"revoked, never", service.Key{Status: service.StatusRevoked, CreatedAt: created}, false},
	} {
		got := ExpiresUnder(c.k, p)
		if flagged := strings.HasSuffix(got, " — au-delà du maximum du cabinet"); flagged != c.flag {
			t.Errorf("%s: %q", c.name, got)
		}
		if !strings.HasPrefix(got, Expires(c.k)) {
			t.Errorf("%s: %q does not start with the expiry", c.name, got)
		}
	}
	if got := ExpiresUnder(service.Key{Status: service.StatusActive}, service.KeyPolicy{}); got != "Jamais" {
		t.Errorf("without a maximum: %q", got)
	}
}

// Issue 21, item 11: « 1 jours » no more.
func TestOneDayIsSingular(t *testing.T) {
	if got := Days(1); got != "1 jour" {
		t.Errorf("Days(1) = %q", got)
	}
	if got := Days(60); got != "60 jours" {
		t.Errorf("Days(60) = %q", got)
	}
	f := service.KeyFilter{Statuses: []service.KeyStatus{service.StatusActive}, UnusedDays: 1}
	if got := Summary(f, "T", "S"); got != "T · S · Active · inutilisée depuis plus de 1 jour" {
		t.Errorf("Summary = %q", got)
	}
}

// A suspended key says so in the Statut column and the details.
func TestSuspendedStatus(t *testing.T) {
	if got := Status(service.StatusSuspended); got == Status(service.StatusActive) || got == "" {
		t.Errorf("Status(suspended) = %q", got)
	}
}

func TestKindTexts(t *testing.T) {
	firm := service.Key{Kind: service.KindFirm}
	acme := service.Key{Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS", SIRET: "73282932000074",
		ContactName: "Jeanne Martin", ContactEmail: "jeanne.martin@acme.fr"}}
	bare := service.Key{Kind: service.KindPartner, Partner: &service.Partner{Name: "Boulangerie", ContactEmail: "compta@boulangerie.fr"}}
	for _, c := range []struct {
		k                            service.Key
		kind, line, partner, contact string
	}{
		{firm, "Cabinet", "Clé du cabinet", "", ""},
		{service.Key{}, "Cabinet", "Clé du cabinet", "", ""}, // made before kinds existed
		{acme, "Partenaire : ACME SAS", "Clé partenaire", "ACME SAS — SIRET 73282932000074", "Jeanne Martin <jeanne.martin@acme.fr>"},
		{bare, "Partenaire : Boulangerie", "Clé partenaire", "Boulangerie", "compta@boulangerie.fr"},
	} {
		if got := [4]string{Kind(c.k), KindLine(c.k), PartnerLine(c.k), ContactLine(c.k)}; got != [4]string{c.kind, c.line, c.partner, c.contact} {
			t.Errorf("%+v: %q", c.k.Partner, got)
		}
	}
}
