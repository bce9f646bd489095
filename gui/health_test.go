package gui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"sesame/service"
	"sesame/service/store"
)

// openHealth opens « Santé des clés » from the profile and waits for its counts.
func (h *harness) openHealth() *healthScreen {
	h.t.Helper()
	h.u.showProfile()
	h.tap(h.u.profileScreen.health)
	if h.u.healthScreen == nil || h.win.Content() != h.u.healthScreen.content {
		h.t.Fatal("« Santé des clés » is not shown")
	}
	return h.u.healthScreen
}

// healthLineSays fails unless the line's count reads want, and it can be pressed.
func healthLineSays(t *testing.T, l *healthLine, want string) {
	t.Helper()
	if l.btn == nil {
		t.Fatalf("%q has no count; its note says %q", l.what.Text, l.note.Text)
	}
	if l.btn.Text != want || l.btn.Disabled() {
		t.Errorf("%q: the count says %q (disabled %v), want %q", l.what.Text, l.btn.Text, l.btn.Disabled(), want)
	}
}

// healthLineNotes fails unless the line shows the sentence want instead of a count.
func healthLineNotes(t *testing.T, l *healthLine, want string) {
	t.Helper()
	if l.btn != nil || l.note == nil || l.note.Text != want {
		t.Errorf("%q: want the note %q instead of a count, got button %v", l.what.Text, want, l.btn != nil)
	}
}

// names are the names of the keys the keys page lists, sorted.
func (h *harness) listedNames() []string {
	var out []string
	for _, k := range h.u.keysScreen.table.keys {
		out = append(out, k.Name)
	}
	slices.Sort(out)
	return out
}

// The page counts, for the firm and Loop APIkey, the active keys expiring within
// 30 days, the suspended keys, the active keys without expiry, the keys whose old
// secret stays valid more than 7 days after a renewal and (on a server only) the
// active keys unused for 90 days; each count opens the keys page on exactly those
// keys. In local mode the unused keys line says it needs the server; the line not
// built yet says so; another tiers has its own counts.
func TestHealthCountsOpenTheirKeys(t *testing.T) {
	forEachBackend(t, func(t *testing.T, h *harness) {
		h.attachBoulangerie()
		ctx := context.Background()
		h.openKeys("Loop APIkey")
		h.bulkKeys("Ancienne", 0, 3) // created in 2025, never used, no expiry
		h.generateWith("Bientôt", "Date…", time.Now().AddDate(0, 0, 10).Format("02/01/2006"))
		h.closeGenerated()
		h.generateWith("Plus tard", "Date…", time.Now().AddDate(0, 0, 60).Format("02/01/2006"))
		h.closeGenerated()
		h.generateWith("Sans fin", "Jamais", "")
		h.closeGenerated()
		for _, name := range []string{"Suspendue", "Révoquée"} {
			h.generateWith(name, "Jamais", "")
			h.closeGenerated()
		}
		h.u.keysScreen.refresh()
		h.wait()
		kt := h.u.keysScreen.table
		if _, err := h.portal().Suspend(ctx, service.SuspendRequest{KeyID: kt.keys[rowOf(t, kt, "Suspendue")].ID, Reason: "Contrôle"}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.portal().Revoke(ctx, kt.keys[rowOf(t, kt, "Révoquée")].ID); err != nil {
			t.Fatal(err)
		}
		// Two partner keys: one accepted from anywhere, one from one network only.
		for _, p := range []struct {
			name  string
			addrs []string
		}{{"Partenaire libre", nil}, {"Partenaire bridé", []string{"203.0.113.0/24"}}} {
			if _, err := h.portal().Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: p.name,
				Expiry: service.Expiry{Days: 60}, Kind: service.KindPartner, Partner: &service.Partner{Name: "ACME SAS"},
				Restrictions: service.RestrictionsInput{Addresses: p.addrs}}); err != nil {
				t.Fatal(err)
			}
		}
		// Renewed ten days ago, its old secret waiting for the new one's first use.
		later := kt.keys[rowOf(t, kt, "Plus tard")]
		creds, err := service.NewCredentials()
		if err != nil {
			t.Fatal(err)
		}
		at := time.Now().AddDate(0, 0, -10)
		if _, err := h.store().RenewKey(ctx, store.Renewal{ID: later.ID, FromVersion: later.Version, Digest: service.SecretDigest(creds.Secret),
			Hint: service.SecretHint(creds.Secret), At: at, KeepOld: true},
			service.AuditEvent{At: at, Action: service.AuditRenew, Tiers: later.Tiers, Service: later.Service, KeyID: later.ID, KeyName: later.Name, Actor: "Delhumeau Vincent"}); err != nil {
			t.Fatal(err)
		}

		s := h.openHealth()
		if s.tiers.Selected != "95963 FUTUROSCOPE CEDEX" || s.service.Selected != "Loop APIkey" {
			t.Fatalf("the page shows %q / %q", s.tiers.Selected, s.service.Selected)
		}
		expiring, suspended, unused, noExpiry := s.lines[0], s.lines[1], s.lines[2], s.lines[3]
		healthLineSays(t, expiring, "1")
		healthLineSays(t, suspended, "1")
		healthLineSays(t, noExpiry, "4") // Sans fin and the three old keys
		if h.server != nil {
			healthLineSays(t, unused, "3")
		} else {
			healthLineNotes(t, unused, lang.L("ui.sante_serveur_requis"))
		}
		healthLineSays(t, s.lines[4], "1")
		healthLineSays(t, s.lines[5], "1")
		if s.bar.Running() {
			t.Error("the activity line still moves once every count came")
		}

		// Each count, pressed on a page opened afresh, opens the keys page on its keys.
		open := map[int][]string{
			0: {"Bientôt"},
			1: {"Suspendue"},
			3: {"Ancienne 00000", "Ancienne 00001", "Ancienne 00002", "Sans fin"},
			4: {"Partenaire libre"},
			5: {"Plus tard"},
		}
		if h.server != nil {
			open[2] = []string{"Ancienne 00000", "Ancienne 00001", "Ancienne 00002"}
		}
		for i, want := range open {
			l := h.openHealth().lines[i]
			h.tap(l.btn)
			if h.u.keysScreen == nil || h.win.Content() != h.u.keysScreen.content {
				t.Fatalf("%q: the count opens no keys page", l.what.Text)
			}
			if got := h.listedNames(); !slices.Equal(got, want) {
				t.Errorf("%q opens the keys %q, want %q", l.what.Text, got, want)
			}
			c := h.u.keysScreen.criteria
			if !slices.Equal(c.applied.Normalized().Statuses, l.filter.Normalized().Statuses) || c.applied.NoExpiry != l.filter.NoExpiry ||
				c.applied.UnusedDays != l.filter.UnusedDays || c.applied.Tiers != "95963" || c.pending.Visible() {
				t.Errorf("%q: the keys page's criteria are %+v, want those of the line %+v", l.what.Text, c.applied, l.filter)
			}
			if c.noExpiry.Checked != (i == 3) || c.graceOver.Checked != (i == 5) || c.applied.GraceOverDays != l.filter.GraceOverDays ||
				c.unrestricted.Checked != (i == 4) || c.applied.NoAddressRestriction != l.filter.NoAddressRestriction {
				t.Errorf("%q: « Sans date d'expiration » checked: %v, « Ancien secret… » checked: %v", l.what.Text, c.noExpiry.Checked, c.graceOver.Checked)
			}
		}

		// Another tiers: its own counts, none.
		s = h.openHealth()
		s.tiers.SetSelected("12345 BOULANGERIE MARTIN")
		h.wait()
		for _, i := range []int{0, 1, 3, 4, 5} {
			healthLineSays(t, s.lines[i], "0")
		}
	})
}

// « Affichage → Santé des clés » opens the page; F5 counts again what changed since.
func TestHealthFromTheMenuAndRefreshed(t *testing.T) {
	h := newHarness(t)
	h.setUpFirm()
	var open func()
	for _, m := range h.win.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == lang.L("ui.affichage") && it.Label == lang.L("ui.sante_cles") {
				open = it.Action
			}
		}
	}
	if open == nil {
		t.Fatal("the Affichage menu has no « Santé des clés »")
	}
	open()
	h.wait()
	s := h.u.healthScreen
	if s == nil || h.win.Content() != s.content {
		t.Fatal("the menu item does not show « Santé des clés »")
	}
	healthLineSays(t, s.lines[1], "0")
	h.bulkKeys("Suspendue", 0, 2)
	k, err := h.portal().ListKeys(context.Background(), service.KeyFilter{Tiers: "95963", Service: "loop-apikey"})
	if err != nil || len(k.Keys) != 2 {
		t.Fatalf("ListKeys = %d keys, %v", len(k.Keys), err)
	}
	for _, key := range k.Keys {
		if _, err := h.portal().Suspend(context.Background(), service.SuspendRequest{KeyID: key.ID, Reason: "Contrôle"}); err != nil {
			t.Fatal(err)
		}
	}
	healthLineSays(t, s.lines[1], "0") // not read again yet
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.wait()
	healthLineSays(t, s.lines[1], "2")
	healthLineSays(t, s.lines[3], "0") // suspended: not among the active keys without expiry
}
