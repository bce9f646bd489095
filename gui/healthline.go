package gui

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// healthLine is one line of « Santé des clés »: what it counts, and either the count
// (a button that opens those keys) or the sentence that says why there is none.
type healthLine struct {
	criteria func(tiers, svc string) service.KeyFilter // nil: not counted
	onOpen   func(service.KeyFilter)
	what     *widget.Label
	btn      *widgets.Button // the count; nil when the line is not counted
	note     *widget.Label   // why the line has no count
	filter   service.KeyFilter
	content  fyne.CanvasObject
}

// newHealthLine is a line saying what; unavailable, when set, is shown instead of a
// count, and criteria is then not used.
func newHealthLine(what, unavailable string, onOpen func(service.KeyFilter), criteria func(tiers, svc string) service.KeyFilter) *healthLine {
	l := &healthLine{onOpen: onOpen, what: widgets.Wrapped(what)}
	if unavailable != "" {
		l.note = widget.NewLabelWithStyle(unavailable, fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		l.note.Wrapping = fyne.TextWrapWord
		l.content = container.NewGridWithColumns(2, l.what, l.note)
		return l
	}
	l.criteria = criteria
	l.btn = widgets.NewButton("…", nil, func() { l.onOpen(l.filter) })
	l.btn.Disable()
	l.content = container.NewBorder(nil, nil, nil, l.btn, l.what)
	return l
}

// count asks the Portal how many keys of tiers and svc match the line's criteria,
// and shows it, unless the page was loaded again meanwhile (seq).
func (l *healthLine) count(h *healthScreen, seq int, tiers, svc string) {
	if l.criteria == nil {
		return
	}
	f := l.criteria(tiers, svc)
	l.filter = f
	l.btn.SetText("…")
	l.btn.Importance = widget.MediumImportance
	l.btn.Disable()
	f.CountOnly = true
	var page service.KeyPage
	h.run.run("health count", h.busy, func(ctx context.Context) error {
		var err error
		page, err = h.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if seq != h.seq {
			return // another tiers or service chosen since
		}
		if err != nil || page.Count == nil {
			slog.Info("health count failed", "code", service.ErrorCode(err), "err", err)
			l.btn.SetText(lang.L("ui.sante_decompte_impossible"))
			return
		}
		l.btn.SetText(healthCount(*page.Count))
		if page.Count.N > 0 {
			l.btn.Importance = widget.WarningImportance
		}
		l.btn.Enable()
	})
}

// healthCount is how a line's count reads: "12", or "plus de 10 000".
func healthCount(c service.KeyCount) string {
	n := keytext.Count(c.N, speaksEnglish())
	if c.More {
		return lang.L("ui.sante_plus_de", map[string]any{"Count": n})
	}
	return n
}

// The criteria of the lines, as the keys page applies them.

// expiringSoon: the active keys that expire before the warning's limit, as the
// expiry banner counts them.
func expiringSoon(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, Statuses: []service.KeyStatus{service.StatusActive},
		ExpiresBefore: keytext.WarnLimit(clock())}
}

// suspendedKeys: the suspended keys.
func suspendedKeys(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, Statuses: []service.KeyStatus{service.StatusSuspended}}
}

// healthUnusedDays is how long an active key may go unused before the page counts it.
const healthUnusedDays = 90

// unusedKeys: the active keys neither used nor created in the last 90 days.
func unusedKeys(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, Statuses: []service.KeyStatus{service.StatusActive},
		UnusedDays: healthUnusedDays}
}

// keysWithoutExpiry: the active keys that never expire.
func keysWithoutExpiry(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, Statuses: []service.KeyStatus{service.StatusActive}, NoExpiry: true}
}

// graceOver: the keys whose old secret still works more than GraceReviewDays days
// after their renewal, whatever their status.
func graceOver(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, GraceOverDays: service.GraceReviewDays}
}

// unrestrictedPartnerKeys: the active partner keys accepted from any address.
func unrestrictedPartnerKeys(tiers, svc string) service.KeyFilter {
	return service.KeyFilter{Tiers: tiers, Service: svc, Statuses: []service.KeyStatus{service.StatusActive},
		Kind: service.KindPartner, NoAddressRestriction: true}
}
