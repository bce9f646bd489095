package gui

import (
	"context"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/scan"
)

// scanRow is one secret found: where, the key it opens, and, while that key is
// active, the actions that contain the leak.
type scanRow struct {
	finding  scan.Finding
	match    service.SecretMatch
	replaced bool // the key got a new secret since: the one found opens nothing
	place    *widget.Label
	key      *widget.Label
	suspend  *widgets.Button
	renew    *widgets.Button // for the key's current secret
	endGrace *widgets.Button // for its old secret, during the grace period
	revoke   *widgets.Button
	actions  *fyne.Container
	box      *fyne.Container
}

// addRow lists a secret found with its key.
func (d *scanDialog) addRow(f scan.Finding, m service.SecretMatch) {
	r := &scanRow{finding: f, match: m, place: widgets.Wrapped(findingPlace(f)), key: widget.NewLabel("")}
	r.suspend = widgets.NewButton(lang.L("ui.suspendre"), theme.MediaPauseIcon(), func() { d.onSuspend(r) })
	r.suspend.Importance = widget.WarningImportance
	r.renew = widgets.NewButton(lang.L("ui.renouveler_secret"), theme.ViewRefreshIcon(), func() { d.onRenew(r) })
	r.endGrace = widgets.NewButton(lang.L("ui.mettre_fin_periode_grace"), theme.MediaStopIcon(), func() { d.onEndGrace(r) })
	r.revoke = widgets.NewButton(lang.L("ui.revoquer"), theme.DeleteIcon(), func() { d.onRevoke(r) })
	r.revoke.Importance = widget.DangerImportance
	r.actions = container.NewHBox(r.suspend, r.renew, r.endGrace, r.revoke)
	r.box = container.NewVBox(widget.NewSeparator(), r.place, container.NewBorder(nil, nil, nil, r.actions, r.key))
	d.rows = append(d.rows, r)
	d.rowsBox.Add(r.box)
	r.show()
}

// show writes the row's key and offers the actions while the secret found opens it:
// Suspendre and Révoquer, and Renouveler le secret for the current secret, or Mettre
// fin à la période de grâce for the old one.
func (r *scanRow) show() {
	opens := r.match.Opens() && !r.replaced
	r.key.SetText(matchText(r.match, r.replaced))
	for _, b := range []*widgets.Button{r.suspend, r.renew, r.endGrace, r.revoke} {
		on := opens
		switch b {
		case r.renew:
			on = opens && !r.match.Old
		case r.endGrace:
			on = opens && r.match.Old
		}
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	r.box.Refresh() // laid out again without the hidden buttons
}

// findingPlace is where a secret was found: « C:\Partage\notes.txt, ligne 3 », or
// with the part of a document or the entry of an archive.
func findingPlace(f scan.Finding) string {
	if f.Part != "" {
		return lang.L("ui.scan_place_part", map[string]any{"Path": f.Path, "Part": f.Part, "Line": f.Line})
	}
	return lang.L("ui.scan_place", map[string]any{"Path": f.Path, "Line": f.Line})
}

// matchText is the key a secret opens, its status and kind, or « Clé inconnue »;
// a secret that was the key's and opens it no more (replaced since, or an old
// secret whose grace has ended) says so.
func matchText(m service.SecretMatch, replaced bool) string {
	if m.Key == nil {
		return lang.L("ui.scan_cle_inconnue")
	}
	code := "ui.scan_cle"
	switch {
	case replaced || (m.Old && m.Key.OldSecret == nil):
		code = "ui.scan_secret_perime"
	case m.Old:
		code = "ui.scan_ancien_secret"
	}
	return lang.L(code, map[string]any{"Name": m.Key.Name, "Status": keytext.Status(m.Key.Status), "Kind": keytext.Kind(*m.Key)})
}

// updateKey shows a key's new state on every row of its secrets; renewed: the key
// has a new secret, so the current one found opens it no more.
func (d *scanDialog) updateKey(k service.Key, renewed bool) {
	for _, r := range d.rows {
		if r.match.Key != nil && r.match.Key.ID == k.ID {
			kk := k
			r.match.Key = &kk
			r.replaced = r.replaced || (renewed && !r.match.Old)
			r.show()
		}
	}
}

// onSuspend suspends the key at once, one click: the journal's reason names where
// its secret was found.
func (d *scanDialog) onSuspend(r *scanRow) {
	reason := lang.L("ui.scan_raison_suspension", map[string]any{"Place": findingPlace(r.finding)})
	if utf8.RuneCountInString(reason) > service.MaxSuspendReason {
		reason = string([]rune(reason)[:service.MaxSuspendReason-1]) + "…"
	}
	req := service.SuspendRequest{KeyID: r.match.Key.ID, Reason: reason}
	d.act("suspend key", func(ctx context.Context) (service.Key, error) { return d.backend.portal.Suspend(ctx, req) })
}

// onRenew asks for confirmation, then gives the key a new secret, the exposed one
// refused at once, and shows the new one once.
func (d *scanDialog) onRenew(r *scanRow) {
	k := *r.match.Key
	text := widgets.Wrapped(lang.L("ui.scan_renouveler_confirmation", map[string]any{"Name": k.Name}))
	d.confirm = widgets.NewConfirmDialog(d.win, lang.L("ui.renouveler_secret"), text, lang.L("ui.renouveler"), lang.L("ui.annuler"), widget.HighImportance, func(ok bool) {
		d.confirm = nil
		if !ok {
			return
		}
		var gk service.GeneratedKey
		d.run.run("renew key", d.busy, func(ctx context.Context) error {
			var err error
			gk, err = d.backend.portal.Renew(ctx, service.RenewRequest{KeyID: k.ID, Grace: service.GraceNone, Version: k.Version})
			return err
		}, func(err error) {
			defer func() { gk = service.GeneratedKey{} }() // forget the credentials here
			if err != nil {
				d.run.fail("renew key", err)
				return
			}
			d.updateKey(gk.Key, true)
			d.credentials = showCredentialsDialog(d.win, d.guard, gk, tiersLabel(d.backend.profile, gk.Key.Tiers),
				serviceName(d.backend.catalogue, gk.Key.Service), func() { d.credentials = nil }, handoverOffer{})
		})
	})
	d.confirm.Show()
}

// onEndGrace stops the key's old secret, the one found, at once: one click, as the
// current secret stays.
func (d *scanDialog) onEndGrace(r *scanRow) {
	id := r.match.Key.ID
	d.act("end grace", func(ctx context.Context) (service.Key, error) { return d.backend.portal.EndGrace(ctx, id) })
}

// onRevoke asks for confirmation, then revokes the key for good.
func (d *scanDialog) onRevoke(r *scanRow) {
	k := *r.match.Key
	text := widgets.Wrapped(lang.L("ui.revoquer_cle_api_applications_utilisent", map[string]any{"Name": k.Name}))
	d.confirm = widgets.NewConfirmDialog(d.win, lang.L("ui.revoquer_cle_api"), text, lang.L("ui.revoquer"), lang.L("ui.annuler"), widget.DangerImportance, func(ok bool) {
		d.confirm = nil
		if ok {
			d.act("revoke key", func(ctx context.Context) (service.Key, error) { return d.backend.portal.Revoke(ctx, k.ID) })
		}
	})
	d.confirm.Show()
}

// act runs an action on a key and shows the key's new state on its rows.
func (d *scanDialog) act(op string, do func(context.Context) (service.Key, error)) {
	var k service.Key
	d.run.run(op, d.busy, func(ctx context.Context) error {
		var err error
		k, err = do(ctx)
		return err
	}, func(err error) {
		if err != nil {
			d.run.fail(op, err)
			return
		}
		d.updateKey(k, false)
	})
}
