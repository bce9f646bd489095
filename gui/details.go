package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// detailsDialog is the details panel of the selected key: its kind and partner, who
// made it and when, revocation, its restrictions (« Restrictions… » changes them),
// expiry, last use and its address, what its restrictions refused, the old secret
// of a renewal, uses per day over 30 days, and the actions of its life: "Renouveler
// le secret" and "Mettre fin à la période de grâce". In local mode, where no server
// verifies keys, it says so instead of showing empty uses.
type detailsDialog struct {
	dlg      *widgets.Dialog
	form     *widget.Form
	chart    *widgets.UsageChart
	renew    *widgets.Button
	endGrace *widgets.Button
	suspend  *widgets.Button // « Suspendre… », for an active key
	restrict *widgets.Button // « Restrictions… », for a key neither revoked nor expired
	resume   *widgets.Button // « Réactiver… », for a suspended one
	handover *widgets.Button // « Remettre… », for an active or pending key (handover.go)
	closeBtn *widgets.Button
	key      service.Key
}

// showDetails loads a key's details and shows them in the details dialog. A click
// while details are on their way is ignored: a double click opened two dialogs, one
// over the other.
func (s *keysScreen) showDetails(k service.Key) {
	if s.loadingKey {
		return
	}
	s.loadingKey = true
	var d service.KeyDetails
	s.run.run("key details", s.busy, func(ctx context.Context) error {
		var err error
		d, err = s.backend.portal.KeyDetails(ctx, k.ID)
		return err
	}, func(err error) {
		s.loadingKey = false
		if err != nil {
			s.run.fail("key details", err)
			return
		}
		s.table.replace(d.Key)
		s.details = newDetailsDialog(s.win, d, s.backend.session == nil, s.tiersLabel(d.Key.Tiers), s.serviceName(d.Key.Service),
			detailsActions{renew: s.onRenew, endGrace: s.onEndGrace, suspend: s.onSuspend, resume: s.onResume,
				handover: func(k service.Key) { s.onHandover(k, nil) }, restrict: s.onRestrict})
		s.details.dlg.Show()
	})
}

// detailsActions are what the details' buttons do with their key.
type detailsActions struct {
	renew, endGrace, suspend, resume, restrict func(service.Key)
	handover                                   func(service.Key) // nil: not offered
}

// newDetailsDialog builds the dialog of d; act runs its actions (it closes first);
// tiers and svc say how the key's tiers and service read.
func newDetailsDialog(w fyne.Window, d service.KeyDetails, localMode bool, tiers, svc string, act detailsActions) *detailsDialog {
	k := d.Key
	g := &detailsDialog{key: k}
	line := func(s string) fyne.CanvasObject { return widgets.Wrapped(s) }
	created := lang.L("ui.date_who", map[string]any{"Date": k.CreatedAt.Local().Format(keytext.DateLayout()), "Who": k.CreatedBy})
	g.form = widget.NewForm(
		widget.NewFormItem(lang.L("ui.nom_cle_api"), line(k.Name)),
		widget.NewFormItem(lang.L("ui.identifiant_cle_api"), line(k.ID)),
		widget.NewFormItem(lang.L("ui.tiers"), line(tiers)),
		widget.NewFormItem(lang.L("ui.service_2"), line(svc)),
		widget.NewFormItem(lang.L("ui.type"), line(keytext.KindLine(k))),
	)
	if p := keytext.PartnerLine(k); p != "" {
		g.form.Append(lang.L("ui.partenaire"), line(p))
	}
	if c := keytext.ContactLine(k); c != "" {
		g.form.Append(lang.L("ui.contact"), line(c))
	}
	g.form.Append(lang.L("ui.creee"), line(created))
	// Suspending or resuming goes with the status it changes, beside it: the row of
	// buttons keeps the width it had.
	status := line(keytext.StatusLine(k))
	switch k.Status {
	case service.StatusActive:
		g.suspend = widgets.NewButton(lang.L("ui.suspendre_2"), theme.MediaPauseIcon(), func() { g.dlg.Hide(); act.suspend(k) })
		g.form.Append(lang.L("ui.statut"), container.NewBorder(nil, nil, nil, container.NewVBox(g.suspend), status))
	case service.StatusSuspended:
		g.resume = widgets.NewButton(lang.L("ui.reactiver_2"), theme.MediaPlayIcon(), func() { g.dlg.Hide(); act.resume(k) })
		g.form.Append(lang.L("ui.statut"), container.NewBorder(nil, nil, nil, container.NewVBox(g.resume), status))
	default:
		g.form.Append(lang.L("ui.statut"), status)
	}
	if sp := k.Suspension; sp != nil && k.Status == service.StatusSuspended {
		g.form.Append(lang.L("ui.suspendue"), line(lang.L("ui.date_who_why",
			map[string]any{"Date": sp.At.Local().Format(keytext.DateLayout()), "Who": suspender(sp), "Why": service.SuspensionReasonText(sp.Reason, msg.Language())})))
	}
	if h := handoverLine(k); h != "" {
		g.form.Append(lang.L("ui.remise"), line(h))
	}
	if k.Status == service.StatusRevoked {
		g.form.Append(lang.L("ui.revoquee_2"), line(lang.L("ui.date_who",
			map[string]any{"Date": k.RevokedAt.Local().Format(keytext.DateLayout()), "Who": k.RevokedBy})))
	}
	restrictions := line(service.RestrictionsText(k.Restrictions, msg.Language()))
	if k.Status == service.StatusActive || k.Status == service.StatusSuspended {
		g.restrict = widgets.NewButton(lang.L("ui.restrictions_2"), theme.SettingsIcon(), func() { g.dlg.Hide(); act.restrict(k) })
		g.form.Append(lang.L("ui.restrictions"), container.NewBorder(nil, nil, nil, container.NewVBox(g.restrict), restrictions))
	} else {
		g.form.Append(lang.L("ui.restrictions"), restrictions)
	}
	g.form.Append(lang.L("ui.expire"), line(keytext.Expires(k)))
	if !k.RenewedAt.IsZero() {
		g.form.Append(lang.L("ui.secret_renouvele"), line(k.RenewedAt.Local().Format(keytext.DateLayout())))
	}
	if grace := keytext.Grace(k); grace != "" { // the table's column, which a narrow table hides
		// Ending it goes beside it, as suspending goes beside the status: the row of
		// buttons stays narrow enough for a small window.
		g.endGrace = widgets.NewButton(lang.L("ui.mettre_fin_periode_grace"), theme.CancelIcon(), func() { g.dlg.Hide(); act.endGrace(k) })
		g.endGrace.Importance = widget.WarningImportance
		g.form.Append(lang.L("ui.ancien_secret"), container.NewBorder(nil, nil, nil, container.NewVBox(g.endGrace), line(grace)))
	}
	parts := []fyne.CanvasObject{g.form}
	if localMode {
		note := widgets.Wrapped(lang.L("ui.mode_local_aucun_serveur_verifie"))
		note.Importance = widget.MediumImportance
		parts = append(parts, note)
	} else {
		g.form.Append(lang.L("ui.derniere_utilisation"), line(useText(k.LastUsedAt, k.LastUsedFrom)))
		if k.OldSecret != nil {
			g.form.Append(lang.L("ui.ancien_secret_utilise"), line(useText(k.OldSecret.LastUsedAt, k.OldSecret.LastUsedFrom)))
		}
		g.form.Append(lang.L("ui.refus"), line(refusalsText(d.Refusals)))
		uses, sum := dailyUses(d.Uses)
		g.chart = widgets.NewUsageChart(uses, lang.N("ui.utilisations_30_jours", int(sum), map[string]any{"N": sum}))
		parts = append(parts, widgets.FieldTitle(lang.L("ui.utilisations_jour_30_derniers_jours")), g.chart, g.chart.Total)
	}
	// Fermer is what Enter presses: it looks the default, and comes last.
	g.closeBtn = widgets.NewButton(lang.L("ui.fermer"), nil, func() { g.dlg.Hide() })
	g.closeBtn.Importance = widget.HighImportance
	var buttons []*widgets.Button
	if act.handover != nil && (k.Status == service.StatusActive || k.Status == service.StatusPending) {
		g.handover = widgets.NewButton(lang.L("ui.remettre_2"), theme.MailSendIcon(), func() { g.dlg.Hide(); act.handover(k) })
		buttons = append(buttons, g.handover)
		if localMode {
			g.handover.Disable()
			parts = append(parts, widgets.Muted(lang.L(string(service.MsgHandoverServerOnly))))
		}
	}
	if k.Status == service.StatusActive {
		g.renew = widgets.NewButton(lang.L("ui.renouveler_secret"), theme.ViewRefreshIcon(), func() { g.dlg.Hide(); act.renew(k) })
		buttons = append(buttons, g.renew)
	}
	buttons = append(buttons, g.closeBtn)
	g.dlg = widgets.NewDialog(w, lang.L("ui.details_cle_api"), container.NewVBox(parts...), buttons,
		func() { g.dlg.Hide() }, func() { g.dlg.Hide() })
	g.dlg.Width = 620
	return g
}

// useText is a last use with its address: "il y a 3 h — 27/11/2026 12:04, depuis
// 203.0.113.7", or "jamais".
func useText(at time.Time, from string) string {
	if at.IsZero() {
		return lang.L("ui.jamais")
	}
	s := keytext.Since(at, clock()) + " — " + at.Local().Format(keytext.DateLayout())
	if from != "" {
		s += lang.L("ui.depuis_address", map[string]any{"Address": from})
	}
	return s
}

// dailyUses are the uses of each day, and their sum.
func dailyUses(days []service.DailyUse) (uses []int64, sum int64) {
	for _, d := range days {
		uses = append(uses, d.Uses)
		sum += d.Uses
	}
	return uses, sum
}

// refusalsText is what a key's restrictions refused: « 3 aujourd'hui, 41 en tout ;
// dernier il y a 2 h — 27/11/2026 12:04, depuis 198.51.100.23 », or « aucun ».
func refusalsText(r service.Refusals) string {
	if r.Total == 0 {
		return lang.L("ui.refus_aucun")
	}
	return lang.L("ui.refus_compte", map[string]any{"Today": r.Today, "Total": r.Total, "Last": useText(r.LastAt, r.LastFrom)})
}
