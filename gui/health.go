package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// The « Santé des clés » page: for one tiers and one service, what needs attention,
// each a count that opens the keys page on exactly the keys it counts. The counts
// are asked for in the background, one per line; what the app cannot know yet says
// so rather than show a wrong zero.

// healthScreen holds the page's choices of tiers and service and its lines.
type healthScreen struct {
	backend  *backend
	run      *runner
	services []service.CatalogueEntry // the services that accept keys
	open     func(service.CatalogueEntry, service.KeyFilter)

	back    *widgets.Button
	tiers   *widget.Select
	service *widget.Select
	refresh *widgets.Button
	lines   []*healthLine
	bar     *widgets.Activity
	busyN   int
	seq     int // the load the counts on their way belong to
	content fyne.CanvasObject
}

// newHealthScreen builds the page on the profile's first tiers and on svc (the first
// service that accepts keys when svc is none of them); open shows the keys page of a
// service with criteria.
func newHealthScreen(b *backend, r *runner, svc string, back func(), open func(service.CatalogueEntry, service.KeyFilter)) *healthScreen {
	h := &healthScreen{backend: b, run: r, services: b.catalogue.KeyServices(), open: open, bar: widgets.NewActivity()}
	h.back = widgets.NewButton(lang.L("ui.retour_profil"), theme.NavigateBackIcon(), back)
	h.back.Importance = widget.LowImportance
	h.tiers = widget.NewSelect(tiersLabels(b.profile), nil)
	names := make([]string, len(h.services))
	for i, e := range h.services {
		names[i] = e.Name
	}
	h.service = widget.NewSelect(names, nil)
	if len(b.profile.Tiers) > 0 {
		h.tiers.SetSelectedIndex(0)
	}
	if len(h.services) > 0 {
		h.service.SetSelectedIndex(0)
	}
	for i, e := range h.services {
		if e.ID == svc {
			h.service.SetSelectedIndex(i)
		}
	}
	h.tiers.OnChanged = func(string) { h.load() }
	h.service.OnChanged = func(string) { h.load() }
	h.refresh = widgets.NewButton(lang.L("ui.actualiser"), theme.ViewRefreshIcon(), h.load)

	tracksUse := b.session != nil
	h.lines = []*healthLine{
		newHealthLine(lang.L("ui.sante_expirent_30_jours"), "", h.onOpen, expiringSoon),
		newHealthLine(lang.L("ui.sante_suspendues"), "", h.onOpen, suspendedKeys),
		newHealthLine(lang.L("ui.sante_inutilisees_90_jours"), unlessTracked(tracksUse), h.onOpen, unusedKeys),
		newHealthLine(lang.L("ui.sante_sans_expiration"), "", h.onOpen, keysWithoutExpiry),
		newHealthLine(lang.L("ui.sante_partenaires_sans_restriction"), "", h.onOpen, unrestrictedPartnerKeys),
		newHealthLine(lang.L("ui.sante_grace_7_jours"), "", h.onOpen, graceOver),
	}
	// Laid out again while the wrapped sentences find their height at the window's width.
	rows := container.New(widgets.Settle(layout.NewVBoxLayout()))
	for i, l := range h.lines {
		if i > 0 {
			rows.Add(widget.NewSeparator())
		}
		rows.Add(l.content)
	}
	choice := widget.NewForm(
		widget.NewFormItem(lang.L("ui.tiers"), h.tiers),
		widget.NewFormItem(lang.L("ui.service_2"), h.service),
	)
	body := container.New(widgets.Settle(layout.NewVBoxLayout()), widgets.Heading(lang.L("ui.sante_cles")),
		widgets.Wrapped(lang.L("ui.sante_cles_intro")), choice, h.bar.Object(), rows)
	h.content = container.NewBorder(container.NewHBox(h.back), container.NewPadded(container.NewHBox(h.refresh)), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
	return h
}

// unlessTracked is what the line of unused keys says instead of a count in local
// mode, where no use is recorded; nothing on a server.
func unlessTracked(tracksUse bool) string {
	if tracksUse {
		return ""
	}
	return lang.L("ui.sante_serveur_requis")
}

// choice is the tiers and service the page shows; ok is false when the profile has
// no tiers or the catalogue no service that accepts keys.
func (h *healthScreen) choice() (tiers string, e service.CatalogueEntry, ok bool) {
	t, s := h.tiers.SelectedIndex(), h.service.SelectedIndex()
	if t < 0 || t >= len(h.backend.profile.Tiers) || s < 0 || s >= len(h.services) {
		return "", service.CatalogueEntry{}, false
	}
	return h.backend.profile.Tiers[t].Code, h.services[s], true
}

// load counts every line again for the tiers and service chosen; counts still on
// their way for an earlier choice are dropped when they come.
func (h *healthScreen) load() {
	tiers, e, ok := h.choice()
	if !ok {
		return
	}
	h.seq++
	for _, l := range h.lines {
		l.count(h, h.seq, tiers, e.ID)
	}
}

// onOpen opens the keys page of the service chosen on the criteria of a line.
func (h *healthScreen) onOpen(f service.KeyFilter) {
	if _, e, ok := h.choice(); ok {
		h.open(e, f)
	}
}

// busy shows the activity line while any count is on its way.
func (h *healthScreen) busy(on bool) {
	if on {
		h.busyN++
	} else if h.busyN > 0 {
		h.busyN--
	}
	if h.busyN > 0 {
		h.bar.Start()
	} else {
		h.bar.Stop()
	}
}
