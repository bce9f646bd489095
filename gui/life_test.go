package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/service"
	"sesame/service/local"
	"sesame/service/msg"
	"sesame/service/store"
)

// onFakeClock puts the app and its local Portal on a clock the test moves; it
// returns the clock's setter.
func (h *harness) onFakeClock(start time.Time) func(time.Time) {
	h.t.Helper()
	now := start
	get := func() time.Time { return now }
	prev := clock
	clock = get
	h.t.Cleanup(func() { clock = prev })
	lp, ok := h.u.backend.portal.(*local.Portal)
	if !ok {
		h.t.Fatal("not in local mode")
	}
	h.u.backend.portal = lp.WithClock(get)
	return func(t time.Time) { now = t }
}

// store is the store under the harness's Portal (local) or server.
func (h *harness) store() store.Store {
	if h.server != nil {
		return h.server.Store
	}
	return h.u.backend.portal.(*local.Portal).Store()
}

// generateWith names a new key with an expiry choice and presses Générer.
func (h *harness) generateWith(name, choice, date string) {
	s := h.u.keysScreen
	s.gen.expiry.choice.SetSelected(choice)
	typeInto(s.gen.expiry.date, date)
	h.generate(name)
}

// rowOf returns the row of the key named name in the table.
func rowOf(t testing.TB, kt *keyTable, name string) int {
	t.Helper()
	for i, k := range kt.keys {
		if k.Name == name {
			return i
		}
	}
	t.Fatalf("no row %q in %v", name, column(kt, 0))
	return -1
}

// Item 1: the firm's maximum lifetime set on the profile; "Jamais" and longer
// choices no longer offered; a later, past or unparseable date refused next to the
// field with nothing stored; the table's "Expire le"; "Expirée" once the day comes.
func TestExpiryRefusedBeyondPolicy(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	set := h.onFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local))
	pf := h.u.profileScreen.policy
	typeInto(pf.days, "90j")
	h.tap(pf.apply)
	if h.u.backend.profile.KeyPolicy.MaxLifetimeDays != 90 || !strings.Contains(pf.state.Text, "90 jours") {
		t.Fatalf("policy after Appliquer: %+v, %q", h.u.backend.profile.KeyPolicy, pf.state.Text)
	}
	typeInto(pf.days, "beaucoup")
	h.tap(pf.apply)
	if pf.err.Text != msg.T(service.MsgPolicyDays, nil) {
		t.Fatalf("bad policy: %q", pf.err.Text)
	}
	s := h.openKeys("Loop APIkey")
	if got := strings.Join(s.gen.expiry.choice.Options, "|"); got != "30 jours|90 jours|Date…" {
		t.Fatalf("expiry choices under a 90-day policy: %s", got)
	}
	for _, tc := range []struct {
		date string
		want string
	}{
		{"27/06/2027", "Le cabinet limite la durée de vie des clés d'API à 90 jours : choisissez le 24/02/2027 au plus tard."},
		{"26/11/2026", msg.T(service.MsgExpiryPast, nil)},
		{"31/02/2027", "Entrez la date d'expiration sous la forme jj/mm/aaaa."},
		{"demain", "Entrez la date d'expiration sous la forme jj/mm/aaaa."},
	} {
		h.generateWith("Refusée", "Date…", tc.date)
		if s.gen.newNameErr.Text != tc.want || h.u.keysScreen.credentials != nil {
			t.Fatalf("date %s: error %q, want %q", tc.date, s.gen.newNameErr.Text, tc.want)
		}
	}
	if len(s.table.keys) != 0 {
		t.Fatalf("refused expiries stored %d keys", len(s.table.keys))
	}
	h.generateWith("Trimestre", "Date…", "15/01/2027")
	h.closeGenerated()
	h.generateWith("Mois", "30 jours", "")
	h.closeGenerated()
	got := column(s.table, 4)
	slices.Sort(got)
	if strings.Join(got, "|") != "15/01/2027 24:00|27/12/2026 10:00" {
		t.Fatalf("Expire le = %v", got)
	}
	// The banner counts the key of 30 days once fewer than 30 days are left.
	set(time.Date(2026, 11, 28, 10, 0, 0, 0, time.Local))
	h.tap(s.criteria.filter)
	if !s.banner.btn.Visible() || s.banner.btn.Text != "1 clé expire dans moins de 30 jours" {
		t.Fatalf("banner = %q (shown %v)", s.banner.btn.Text, s.banner.btn.Visible())
	}
	h.tap(s.banner.btn)
	if got := column(s.table, 0); len(got) != 1 || got[0] != "Mois" || s.criteria.revoked.Checked || s.criteria.expired.Checked {
		t.Fatalf("the banner's click shows %v", got)
	}
	// On the profile, as at the next start (the list is read once per Portal): the
	// banner, its list, and one notification a day.
	h.u.backend.expRead = false
	test.AssertNotificationSent(t, fyne.NewNotification("1 clé expire dans moins de 30 jours", "Mois"), func() {
		h.u.showProfile()
		h.wait()
	})
	p := h.u.profileScreen
	if !p.banner.btn.Visible() || p.banner.btn.Text != "1 clé expire dans moins de 30 jours" {
		t.Fatalf("profile banner = %q", p.banner.btn.Text)
	}
	h.tap(p.banner.btn)
	if !textIn(h.topOverlay(), "Mois — 95963 FUTUROSCOPE CEDEX · Loop APIkey — expire le 27/12/2026 10:00") {
		t.Fatal("the profile banner's list does not show the key")
	}
	test.Tap(h.buttonIn(h.topOverlay(), "OK"))
	h.u.backend.expRead = false // another start the same day
	test.AssertNotificationSent(t, nil, func() {
		h.u.showProfile()
		h.wait()
	})
	s = h.openKeys("Loop APIkey")
	set(time.Date(2026, 12, 27, 10, 0, 0, 0, time.Local))
	s.criteria.onReset()
	h.wait()
	got = column(s.table, 3)
	slices.Sort(got)
	if strings.Join(got, "|") != "Active|Expirée" {
		t.Fatalf("Statut after the 30 days = %v", got)
	}
}

// renewFromDetails selects the row of name, opens its details, and renews it with
// grace; it returns the credentials dialog's identifier and secret.
func (h *harness) renewFromDetails(name string, grace service.Grace) (string, string) {
	h.t.Helper()
	s := h.u.keysScreen
	s.table.onSelected(widget.TableCellID{Row: rowOf(h.t, s.table, name), Col: 0})
	h.wait()
	if s.details == nil || s.details.renew == nil {
		h.t.Fatalf("no details with Renouveler le secret for %q", name)
	}
	h.tap(s.details.renew)
	if s.renewing == nil {
		h.t.Fatal("Renouveler le secret asks nothing")
	}
	s.renewing.grace.SetSelected(keytext.GraceChoice(grace))
	h.tap(h.buttonIn(h.topOverlay(), "Renouveler"))
	g := s.credentials
	if g == nil {
		h.t.Fatalf("no one-time dialog after renewing %q", name)
	}
	if !textIn(h.topOverlay(), "Le secret de la clé d'API '"+name+"' a été renouvelé avec succès") {
		h.t.Error("the one-time dialog does not say the secret was renewed")
	}
	id, secret := g.id.Text, g.secret.Text
	h.closeGenerated()
	return id, secret
}

// Item 3: each grace choice from the details panel, the one-time dialog with the
// same identifier and a new secret, what the row says, the first-use rule on a fake
// clock, ending a grace at once, and a renewal from an outdated row refused.
func TestRenewalEachGraceAndFirstUse(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	set := h.onFakeClock(start)
	s := h.openKeys("Loop APIkey")
	want := map[service.Grace]string{
		service.GraceNone:     "",
		service.GraceHour:     "ancien secret valable jusqu'au 27/11/2026 11:00",
		service.GraceDay:      "ancien secret valable jusqu'au 28/11/2026 10:00",
		service.GraceWeek:     "ancien secret valable jusqu'au 04/12/2026 10:00",
		service.GraceFirstUse: "en attente du premier usage du nouveau secret",
	}
	offered, _ := keytext.Graces(false) // local mode: no first-use grace (TestUseBasedChoicesOnlyWhereUseIsRecorded)
	for _, grace := range service.Graces {
		name := "Synchro " + string(grace)
		h.generate(name)
		oldID := s.credentials.id.Text
		h.closeGenerated()
		var id, secret string
		if slices.Contains(offered, grace) {
			id, secret = h.renewFromDetails(name, grace)
		} else { // a key renewed so on a server, or before local mode stopped offering it
			s.renew(s.table.keys[rowOf(t, s.table, name)], grace)
			h.wait()
			id, secret = s.credentials.id.Text, s.credentials.secret.Text
			h.closeGenerated()
		}
		if id != oldID || service.CheckSecret(secret) != nil {
			t.Fatalf("%s: renewal shows identifier %s (want %s) and a well-formed secret", grace, id, oldID)
		}
		if got := s.table.cellText(rowOf(t, s.table, name), 6); got != want[grace] {
			t.Errorf("%s: row says %q, want %q", grace, got, want[grace])
		}
	}
	// The first use of the new secret, as a server records it: the old secret then
	// has 24 h more, and the row says until when.
	name := "Synchro " + string(service.GraceFirstUse)
	k := s.table.keys[rowOf(t, s.table, name)]
	first := start.Add(3 * time.Hour)
	if err := h.store().TouchKeys(context.Background(), []store.KeyUse{{ID: k.ID, Version: k.Version, LastAt: first, NewFirst: first}}); err != nil {
		t.Fatal(err)
	}
	set(first.Add(time.Hour))
	h.tap(s.criteria.filter)
	if got := s.table.cellText(rowOf(t, s.table, name), 6); got != "ancien secret valable jusqu'au 28/11/2026 13:00" {
		t.Fatalf("after the new secret's first use: %q", got)
	}
	set(first.Add(service.FirstUseGrace))
	h.tap(s.criteria.filter)
	if got := s.table.cellText(rowOf(t, s.table, name), 6); got != "" {
		t.Fatalf("24 h after the first use: %q", got)
	}
	// Ending the 7-day grace at once.
	week := "Synchro " + string(service.GraceWeek)
	s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, week), Col: 0})
	h.wait()
	if s.details.endGrace == nil {
		t.Fatal("no Mettre fin à la période de grâce in the details of a key in grace")
	}
	h.tap(s.details.endGrace)
	h.tap(h.buttonIn(h.topOverlay(), "Mettre fin"))
	if got := s.table.cellText(rowOf(t, s.table, week), 6); got != "" {
		t.Fatalf("after ending the grace: %q", got)
	}
	// Another administrator renews meanwhile: this row's version is outdated.
	day := "Synchro " + string(service.GraceDay)
	row := s.table.keys[rowOf(t, s.table, day)]
	if _, err := h.portal().Renew(context.Background(), service.RenewRequest{KeyID: row.ID, Grace: service.GraceNone}); err != nil {
		t.Fatal(err)
	}
	s.renew(row, service.GraceDay)
	h.wait()
	if s.credentials != nil || !textIn(h.topOverlay(), msg.T(service.MsgKeyRenewedMeantime, nil)) {
		t.Fatal("a renewal from an outdated row was not refused with its message")
	}
}

// Item 4: "Inutilisée depuis plus de N jours" keeps exactly the keys neither used nor
// created in the last N days; the "Dernière utilisation" column and its sort in
// server mode; local mode says it does not track uses, and offers no such criterion.
func TestStaleKeyCriterion(t *testing.T) {
	forEachBackend(t, testStaleKeyCriterion)
}

func testStaleKeyCriterion(t *testing.T, h *harness) {
	s := h.openKeys("Loop APIkey")
	for _, n := range []string{"Récente", "Ancienne", "Jamais servie"} {
		h.generate(n)
		h.closeGenerated()
	}
	now := time.Now()
	uses := []store.KeyUse{}
	for name, at := range map[string]time.Time{"Récente": now.Add(-time.Hour), "Ancienne": now.Add(-60 * 24 * time.Hour)} {
		k := s.table.keys[rowOf(t, s.table, name)]
		uses = append(uses, store.KeyUse{ID: k.ID, Version: 1, LastAt: at, LastFrom: "203.0.113.7"})
	}
	if err := h.store().TouchKeys(context.Background(), uses); err != nil {
		t.Fatal(err)
	}
	if h.server == nil { // no criterion on uses where none is recorded
		h.tap(s.criteria.filter)
		if got := column(s.table, lastUseColumn); got[0] != "non suivie en mode local" {
			t.Fatalf("local mode's Dernière utilisation: %v", got)
		}
		return
	}
	s.criteria.showCriteria(true)
	typeInto(s.criteria.unusedDays, "trois")
	h.tap(s.criteria.filter)
	if s.criteria.criteriaErr.Text != msg.T(service.MsgUnusedDays, nil) {
		t.Fatalf("bad number of days: %q", s.criteria.criteriaErr.Text)
	}
	typeInto(s.criteria.unusedDays, "30")
	h.tap(s.criteria.filter)
	if got := column(s.table, 0); len(got) != 1 || got[0] != "Ancienne" || !strings.Contains(s.criteria.summary.Text, "inutilisée depuis plus de 30 jours") {
		t.Fatalf("unused for more than 30 days: %v (summary %q)", got, s.criteria.summary.Text)
	}
	typeInto(s.criteria.unusedDays, "")
	h.tap(s.criteria.filter)
	headerButton(s.table, lastUseColumn).OnTapped()
	h.wait()
	if got := strings.Join(column(s.table, lastUseColumn), "|"); got != "jamais|il y a 60 j|il y a 1 h" {
		t.Fatalf("sorted by Dernière utilisation: %s", got)
	}
	// The details panel says when and from where.
	s.table.onSelected(widget.TableCellID{Row: rowOf(t, s.table, "Récente"), Col: 0})
	h.wait()
	if s.details == nil || !textIn(h.topOverlay(), ", depuis 203.0.113.7") || s.details.chart == nil {
		t.Fatal("the details do not show the last use's address and the chart")
	}
}
