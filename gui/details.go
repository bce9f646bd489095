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
)

// detailsDialog is the details panel of the selected key: who made it and when,
// revocation, expiry, last use and its address, the old secret of a renewal, uses
// per day over 30 days, and the actions of its life: "Renouveler le secret" and
// "Mettre fin à la période de grâce". In local mode, where no server verifies keys,
// it says so instead of showing empty uses.
type detailsDialog struct {
	dlg      *widgets.Dialog
	form     *widget.Form
	chart    *widgets.UsageChart
	renew    *widgets.Button
	endGrace *widgets.Button
	closeBtn *widgets.Button
	key      service.Key
}

// showDetails loads a key's details and shows them in the details dialog.
func (s *keysScreen) showDetails(k service.Key) {
	var d service.KeyDetails
	s.run.run("key details", s.busy, func(ctx context.Context) error {
		var err error
		d, err = s.backend.portal.KeyDetails(ctx, k.ID)
		return err
	}, func(err error) {
		if err != nil {
			s.run.fail("key details", err)
			return
		}
		s.table.replace(d.Key)
		s.details = newDetailsDialog(s.win, d, s.backend.session == nil, s.tiersLabel(d.Key.Tiers), s.serviceName(d.Key.Service),
			s.onRenew, s.onEndGrace)
		s.details.dlg.Show()
	})
}

// newDetailsDialog builds the dialog of d; onRenew and onEndGrace run its actions
// (it closes first); tiers and svc say how the key's tiers and service read.
func newDetailsDialog(w fyne.Window, d service.KeyDetails, localMode bool, tiers, svc string, onRenew, onEndGrace func(service.Key)) *detailsDialog {
	k := d.Key
	g := &detailsDialog{key: k}
	line := func(s string) fyne.CanvasObject { return widgets.Wrapped(s) }
	created := lang.L("{{.Date}} par {{.Who}}", map[string]any{"Date": k.CreatedAt.Local().Format(keytext.DateLayout), "Who": k.CreatedBy})
	g.form = widget.NewForm(
		widget.NewFormItem(lang.L("Nom de la clé d'API"), line(k.Name)),
		widget.NewFormItem(lang.L("Identifiant de la clé d'API"), line(k.ID)),
		widget.NewFormItem(lang.L("Tiers"), line(tiers)),
		widget.NewFormItem(lang.L("Service"), line(svc)),
		widget.NewFormItem(lang.L("Créée le"), line(created)),
		widget.NewFormItem(lang.L("Statut"), line(keytext.StatusLine(k))),
	)
	if k.Status == service.StatusRevoked {
		g.form.Append(lang.L("Révoquée le"), line(lang.L("{{.Date}} par {{.Who}}",
			map[string]any{"Date": k.RevokedAt.Local().Format(keytext.DateLayout), "Who": k.RevokedBy})))
	}
	g.form.Append(lang.L("Expire le"), line(keytext.Expires(k)))
	if !k.RenewedAt.IsZero() {
		g.form.Append(lang.L("Secret renouvelé le"), line(k.RenewedAt.Local().Format(keytext.DateLayout)))
	}
	if grace := keytext.Grace(k); grace != "" { // the table's column, which a narrow table hides
		g.form.Append(lang.L("Ancien secret"), line(grace))
	}
	parts := []fyne.CanvasObject{g.form}
	if localMode {
		note := widgets.Wrapped(lang.L("En mode local, aucun serveur ne vérifie les clés : leur dernière utilisation n'est pas connue."))
		note.Importance = widget.MediumImportance
		parts = append(parts, note)
	} else {
		g.form.Append(lang.L("Dernière utilisation"), line(useText(k.LastUsedAt, k.LastUsedFrom)))
		if k.OldSecret != nil {
			g.form.Append(lang.L("Ancien secret utilisé"), line(useText(k.OldSecret.LastUsedAt, k.OldSecret.LastUsedFrom)))
		}
		uses, sum := dailyUses(d.Uses)
		g.chart = widgets.NewUsageChart(uses, lang.L("{{.N}} utilisations en 30 jours", map[string]any{"N": sum}))
		parts = append(parts, widgets.FieldTitle(lang.L("Utilisations par jour (30 derniers jours)")), g.chart, g.chart.Total)
	}
	// Fermer is what Enter presses: it looks the default, and comes last.
	g.closeBtn = widgets.NewButton(lang.L("Fermer"), nil, func() { g.dlg.Hide() })
	g.closeBtn.Importance = widget.HighImportance
	var buttons []*widgets.Button
	if k.OldSecret != nil && k.Status == service.StatusActive {
		g.endGrace = widgets.NewButton(lang.L("Mettre fin à la période de grâce"), theme.CancelIcon(), func() { g.dlg.Hide(); onEndGrace(k) })
		g.endGrace.Importance = widget.WarningImportance
		buttons = append(buttons, g.endGrace)
	}
	if k.Status == service.StatusActive {
		g.renew = widgets.NewButton(lang.L("Renouveler le secret"), theme.ViewRefreshIcon(), func() { g.dlg.Hide(); onRenew(k) })
		buttons = append(buttons, g.renew)
	}
	buttons = append(buttons, g.closeBtn)
	g.dlg = widgets.NewDialog(w, lang.L("Détails de la clé d'API"), container.NewVBox(parts...), buttons,
		func() { g.dlg.Hide() }, func() { g.dlg.Hide() })
	g.dlg.Width = 620
	return g
}

// useText is a last use with its address: "il y a 3 h — 27/11/2026 12:04, depuis
// 203.0.113.7", or "jamais".
func useText(at time.Time, from string) string {
	if at.IsZero() {
		return lang.L("jamais")
	}
	s := keytext.Since(at, clock()) + " — " + at.Local().Format(keytext.DateLayout)
	if from != "" {
		s += lang.L(", depuis {{.Address}}", map[string]any{"Address": from})
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
