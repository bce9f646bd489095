package gui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
)

// The "Critères de sélection" of the keys page. Every criterion applies the same
// way: on Filtrer (or Enter in the name field). Until then a line says the list does
// not follow the form yet. Folded, the criteria are one line that sums up those the
// table shows, so that small windows keep room for the table.

// criteriaForm is the "Critères de sélection" of the keys page: it owns its fields
// and its Filtrer and Réinitialiser buttons, and hands the criteria applied to
// onApply.
type criteriaForm struct {
	win       fyne.Window
	profile   service.Profile
	catalogue service.Catalogue
	origin    service.CatalogueEntry   // the service opened from the catalogue
	services  []service.CatalogueEntry // the Service criterion's choices
	applied   service.KeyFilter        // the criteria the table shows
	onApply   func(service.KeyFilter)  // the table is to follow applied

	fold            *widgets.Button // folds and unfolds the criteria
	summary         *widget.Label   // the criteria the table shows, in one line
	criteriaBody    *fyne.Container // the criteria's form, when unfolded
	pending         *widget.Label   // says the form differs from what the table shows
	tiers           *widget.Select
	attached        *widget.Label
	service         *widget.Select
	active, revoked *widget.Check
	expired         *widget.Check
	suspended       *widget.Check
	awaiting        *widget.Check  // « En attente de remise »
	expiresBefore   *widgets.Entry // "Expire avant le", jj/mm/aaaa
	noExpiry        *widget.Check  // "Sans date d'expiration"
	graceOver       *widget.Check  // "Ancien secret valable depuis plus de 7 jours"
	unrestricted    *widget.Check  // "Sans restriction d'adresse"
	unusedDays      *widgets.Entry // "Inutilisée depuis plus de N jours"
	kind            *widget.Select // "Type": Tous, Cabinet, Partenaire
	partner         *widgets.Entry // the partner's name contains…; for Partenaire only
	name            *widgets.Entry
	fields          *fyne.Container // the criteria's fields, in one or two columns
	criteriaErr     *widget.Label
	reset, filter   *widgets.Button
	content         fyne.CanvasObject
}

// newCriteriaForm builds the criteria in their initial state (the firm, the service
// e, every status), applied without calling onApply, and their folded and unfolded
// views.
// tracksUse is false in local mode, where no use is recorded: "Inutilisée depuis" is
// then not offered. room is the most height the fields may take before they scroll.
func newCriteriaForm(w fyne.Window, p service.Profile, cat service.Catalogue, e service.CatalogueEntry, tracksUse bool, room func() float32, onApply func(service.KeyFilter)) *criteriaForm {
	c := &criteriaForm{win: w, profile: p, catalogue: cat, origin: e, services: cat.KeyServices(), onApply: onApply,
		attached: widget.NewLabel(""), name: widgets.NewEntry()}
	c.tiers = widget.NewSelect(tiersLabels(c.profile), nil)
	names := make([]string, len(c.services))
	for i, k := range c.services {
		names[i] = k.Name
	}
	c.service = widget.NewSelect(names, nil)
	c.active = widget.NewCheck(lang.L("ui.active"), nil)
	c.revoked = widget.NewCheck(lang.L("ui.revoquee"), nil)
	c.expired = widget.NewCheck(lang.L("ui.expiree"), nil)
	c.suspended = widget.NewCheck(lang.L("ui.suspendue"), nil)
	c.awaiting = widget.NewCheck(lang.L("ui.en_attente"), nil)
	c.expiresBefore = widgets.NewEntry()
	c.expiresBefore.SetPlaceHolder(localdate.Current().Placeholder(lang.L("ui.jj_mm_aaaa")))
	c.expiresBefore.OnSubmitted = func(string) { c.onFilter() }
	c.noExpiry = widget.NewCheck(lang.L("ui.sans_date_expiration"), nil)
	c.graceOver = widget.NewCheck(lang.L("ui.ancien_secret_plus_7_jours"), nil)
	c.unrestricted = widget.NewCheck(lang.L("ui.sans_restriction_adresse"), nil)
	c.unusedDays = widgets.NewEntry()
	c.unusedDays.SetPlaceHolder(lang.L("ui.ex_90"))
	c.unusedDays.OnSubmitted = func(string) { c.onFilter() }
	c.kind = widget.NewSelect([]string{lang.L("ui.tous"), lang.L("ui.cabinet"), lang.L("ui.partenaire")}, nil)
	c.partner = widgets.NewEntry()
	c.partner.SetPlaceHolder(lang.L("ui.nom_partenaire_contenant"))
	c.partner.OnSubmitted = func(string) { c.onFilter() }
	c.criteriaErr = widgets.FieldError()
	c.name.SetPlaceHolder(lang.L("ui.ex_paie_synchro_banque"))
	c.name.OnSubmitted = func(string) { c.onFilter() }
	c.reset = widgets.NewButton(lang.L("ui.reinitialiser_criteres"), theme.ContentClearIcon(), c.onReset)
	c.filter = widgets.NewButton(lang.L("ui.filtrer"), theme.SearchIcon(), c.onFilter)
	c.filter.Importance = widget.HighImportance
	c.fold = widgets.NewButton(lang.L("ui.criteres_selection"), theme.MenuExpandIcon(), c.toggleCriteria)
	c.fold.Importance = widget.LowImportance
	c.fold.Alignment = widget.ButtonAlignLeading
	c.summary = widget.NewLabel("")
	c.summary.Truncation = fyne.TextTruncateEllipsis
	c.pending = widget.NewLabelWithStyle(lang.L("ui.criteres_ont_change_appuyez_filtrer"),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	c.pending.Importance = widget.WarningImportance
	c.pending.Wrapping = fyne.TextWrapWord
	c.pending.Hide()

	left := widget.NewForm(
		widget.NewFormItem(lang.L("ui.tiers"), c.tiers),
		widget.NewFormItem(lang.L("ui.rattache"), c.attached),
		widget.NewFormItem(lang.L("ui.service_2"), c.service),
		widget.NewFormItem(lang.L("ui.type"), container.NewBorder(nil, nil, c.kind, nil, c.partner)),
		widget.NewFormItem("", container.NewVBox(c.graceOver, c.unrestricted)), // the left column has the room
	)
	right := widget.NewForm(
		widget.NewFormItem(lang.L("ui.statut_cle_api"), container.NewGridWithColumns(2, c.active, c.awaiting, c.suspended, c.expired, c.revoked)),
		widget.NewFormItem(lang.L("ui.nom_cle_api"), c.name),
		widget.NewFormItem(lang.L("ui.expire_avant"), container.NewBorder(nil, nil, nil, c.noExpiry, c.expiresBefore)),
	)
	if tracksUse {
		right.Append(lang.L("ui.inutilisee_depuis_plus"), container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("ui.jours")), c.unusedDays))
	}
	c.fields = widgets.ColumnsWhenWide(left, right)
	// In a short window the unfolded fields scroll within the room the page gives
	// them, so that the table keeps its rows; the buttons stay in sight under them.
	// A criterion's error shows beside Filtrer, in room the buttons' line already has.
	c.criteriaBody = container.NewVBox(widgets.ScrollWithin(c.fields, room),
		container.NewBorder(nil, nil, container.NewHBox(c.reset, c.filter), nil, widgets.NewErrorLine(c.criteriaErr)))
	c.criteriaBody.Hide()
	c.content = container.NewVBox(
		container.NewBorder(nil, nil, c.fold, nil, c.summary),
		c.criteriaBody, c.pending)
	c.setCriteria()
	c.apply()
	return c
}

// hookCriteria makes every change of the form show whether the table follows it.
func (c *criteriaForm) hookCriteria() {
	c.tiers.OnChanged = func(string) { c.showAttached(); c.showPending() }
	c.service.OnChanged = func(string) { c.showPending() }
	c.active.OnChanged = func(bool) { c.showPending() }
	c.revoked.OnChanged = func(bool) { c.showPending() }
	c.expired.OnChanged = func(bool) { c.showPending() }
	c.suspended.OnChanged = func(bool) { c.showPending() }
	c.awaiting.OnChanged = func(bool) { c.showPending() }
	c.expiresBefore.OnChanged = func(string) { c.showPending() }
	c.noExpiry.OnChanged = func(bool) { c.showExpiryDate(); c.showPending() }
	c.graceOver.OnChanged = func(bool) { c.showPending() }
	c.unrestricted.OnChanged = func(bool) { c.showPending() }
	c.unusedDays.OnChanged = func(string) { c.showPending() }
	c.name.OnChanged = func(string) { c.showPending() }
	c.kind.OnChanged = func(string) { c.showPartner(); c.showPending() }
	c.partner.OnChanged = func(string) { c.showPending() }
}

// showPartner offers the partner's name for the partner keys only.
func (c *criteriaForm) showPartner() {
	if c.kind.Selected == lang.L("ui.partenaire") {
		c.partner.Enable()
		return
	}
	c.partner.SetText("")
	c.partner.Disable()
}

// showExpiryDate offers "Expire avant le" unless "Sans date d'expiration" is
// checked, which no key with an expiry date matches.
func (c *criteriaForm) showExpiryDate() {
	if c.noExpiry.Checked {
		c.expiresBefore.SetText("")
		c.expiresBefore.Disable()
		return
	}
	c.expiresBefore.Enable()
}

// toggleCriteria folds or unfolds the criteria.
func (c *criteriaForm) toggleCriteria() { c.showCriteria(!c.criteriaBody.Visible()) }

// showCriteria unfolds (or folds) the criteria.
func (c *criteriaForm) showCriteria(open bool) {
	if open == c.criteriaBody.Visible() {
		return
	}
	if open {
		c.criteriaBody.Show()
		c.fold.SetIcon(theme.MenuDropDownIcon())
	} else {
		c.criteriaBody.Hide()
		c.fold.SetIcon(theme.MenuExpandIcon())
	}
	widgets.Relayout(c.criteriaBody)
}

// focusName unfolds the criteria and puts the cursor in the name criterion (Ctrl+F).
func (c *criteriaForm) focusName() {
	c.showCriteria(true)
	c.win.Canvas().Focus(c.name)
}

// setCriteria puts the form in its initial state: the firm, the service opened from
// the catalogue, both statuses, any name. No OnChanged fires.
func (c *criteriaForm) setCriteria() {
	c.tiers.OnChanged, c.service.OnChanged, c.active.OnChanged, c.revoked.OnChanged, c.name.OnChanged = nil, nil, nil, nil, nil
	c.expired.OnChanged, c.expiresBefore.OnChanged, c.unusedDays.OnChanged = nil, nil, nil
	c.kind.OnChanged, c.partner.OnChanged, c.suspended.OnChanged, c.noExpiry.OnChanged = nil, nil, nil, nil
	c.graceOver.OnChanged, c.awaiting.OnChanged, c.unrestricted.OnChanged = nil, nil, nil
	defer c.hookCriteria()
	if len(c.profile.Tiers) > 0 {
		c.tiers.SetSelectedIndex(0)
	}
	for i, k := range c.services {
		if k.ID == c.origin.ID {
			c.service.SetSelectedIndex(i)
		}
	}
	c.active.SetChecked(true)
	c.revoked.SetChecked(true)
	c.expired.SetChecked(true)
	c.suspended.SetChecked(true)
	c.awaiting.SetChecked(true)
	c.name.SetText("")
	c.expiresBefore.SetText("")
	c.noExpiry.SetChecked(false)
	c.showExpiryDate()
	c.graceOver.SetChecked(false)
	c.unrestricted.SetChecked(false)
	c.unusedDays.SetText("")
	c.kind.SetSelectedIndex(0)
	c.showPartner()
	c.showAttached()
}

// showAttached shows what the selected tiers is attached to, or itself for a firm.
func (c *criteriaForm) showAttached() {
	t, ok := c.selectedTiers()
	if !ok {
		c.attached.SetText("")
		return
	}
	if p, ok := c.profile.TiersByCode(t.AttachedTo); ok && t.AttachedTo != "" {
		t = p
	}
	c.attached.SetText(t.Label())
}

func (c *criteriaForm) selectedTiers() (service.Tiers, bool) {
	i := c.tiers.SelectedIndex()
	if i < 0 || i >= len(c.profile.Tiers) {
		return service.Tiers{}, false
	}
	return c.profile.Tiers[i], true
}

// formFilter is the filter the form shows.
func (c *criteriaForm) formFilter() service.KeyFilter {
	f := service.KeyFilter{Service: c.origin.ID, NameContains: c.name.Text}
	if t, ok := c.selectedTiers(); ok {
		f.Tiers = t.Code
	}
	if i := c.service.SelectedIndex(); i >= 0 && i < len(c.services) {
		f.Service = c.services[i].ID
	}
	if c.active.Checked {
		f.Statuses = append(f.Statuses, service.StatusActive)
	}
	if c.awaiting.Checked {
		f.Statuses = append(f.Statuses, service.StatusPending)
	}
	if c.suspended.Checked {
		f.Statuses = append(f.Statuses, service.StatusSuspended)
	}
	if c.expired.Checked {
		f.Statuses = append(f.Statuses, service.StatusExpired)
	}
	if c.revoked.Checked {
		f.Statuses = append(f.Statuses, service.StatusRevoked)
	}
	f.ExpiresBefore, f.UnusedDays, _ = c.lifeCriteria()
	f.NoExpiry = c.noExpiry.Checked
	if c.graceOver.Checked {
		f.GraceOverDays = service.GraceReviewDays
	}
	f.NoAddressRestriction = c.unrestricted.Checked
	switch c.kind.Selected {
	case lang.L("ui.cabinet"):
		f.Kind = service.KindFirm
	case lang.L("ui.partenaire"):
		f.Kind, f.PartnerContains = service.KindPartner, c.partner.Text
	}
	return f
}

// lifeCriteria reads "Expire avant le" (the key expires before 00:00 that day) and
// "Inutilisée depuis plus de N jours"; an error for a value that does not parse.
func (c *criteriaForm) lifeCriteria() (before time.Time, days int, err error) {
	if t := strings.TrimSpace(c.expiresBefore.Text); t != "" {
		if before, err = service.ParseExpiryDate(t, clock().Location()); err != nil {
			return time.Time{}, 0, err
		}
	}
	if t := strings.TrimSpace(c.unusedDays.Text); t != "" {
		days, err = strconv.Atoi(t)
		if err != nil || days < 1 || days > service.MaxUnusedDays {
			return before, 0, service.FieldError("unusedDays", service.MsgUnusedDays)
		}
	}
	return before, days, nil
}

// showPending says whether the form differs from the criteria the table shows.
func (c *criteriaForm) showPending() {
	differ := !keytext.SameCriteria(c.formFilter(), c.applied)
	if differ != c.pending.Visible() {
		c.pending.Hidden = !differ
		widgets.Relayout(c.pending)
	}
}

// apply copies the form into the criteria the table shows.
func (c *criteriaForm) apply() {
	c.applied = c.formFilter()
	c.summary.SetText(keytext.Summary(c.applied, tiersLabel(c.profile, c.applied.Tiers), serviceName(c.catalogue, c.applied.Service)))
	c.showPending()
}

// onFilter applies the criteria and has the table follow them; a date or number that
// does not parse is said under the criteria, and the list stays.
func (c *criteriaForm) onFilter() {
	if _, _, err := c.lifeCriteria(); err != nil {
		c.showCriteria(true)
		setFieldError(c.criteriaErr, err)
		return
	}
	setFieldError(c.criteriaErr, nil)
	c.apply()
	c.onApply(c.applied)
}

// onReset puts the criteria back as they were when the page opened and filters.
func (c *criteriaForm) onReset() {
	c.setCriteria()
	c.onFilter()
}

// showExpiringBefore selects the active keys that expire before limit, and filters.
func (c *criteriaForm) showExpiringBefore(limit time.Time) {
	c.active.SetChecked(true)
	c.suspended.SetChecked(false) // left out of the expiry warnings
	c.awaiting.SetChecked(false)
	c.expired.SetChecked(false)
	c.revoked.SetChecked(false)
	c.name.SetText("")
	c.unusedDays.SetText("")
	c.kind.SetSelectedIndex(0)
	c.noExpiry.SetChecked(false)
	c.graceOver.SetChecked(false)
	c.unrestricted.SetChecked(false)
	c.expiresBefore.SetText(limit.Format(localdate.Current().DateLayout()))
	c.onFilter()
}

// setFilter puts the criteria f (tiers, service, statuses, expiry, use, grace) in the
// form and applies them without onApply: the page opens on them.
func (c *criteriaForm) setFilter(f service.KeyFilter) {
	c.setCriteria()
	for i, t := range c.profile.Tiers {
		if t.Code == f.Tiers {
			c.tiers.SetSelectedIndex(i)
		}
	}
	for i, e := range c.services {
		if e.ID == f.Service {
			c.service.SetSelectedIndex(i)
		}
	}
	if len(f.Statuses) > 0 {
		c.active.SetChecked(slices.Contains(f.Statuses, service.StatusActive))
		c.suspended.SetChecked(slices.Contains(f.Statuses, service.StatusSuspended))
		c.awaiting.SetChecked(slices.Contains(f.Statuses, service.StatusPending))
		c.expired.SetChecked(slices.Contains(f.Statuses, service.StatusExpired))
		c.revoked.SetChecked(slices.Contains(f.Statuses, service.StatusRevoked))
	}
	if !f.ExpiresBefore.IsZero() {
		c.expiresBefore.SetText(f.ExpiresBefore.Format(localdate.Current().DateLayout()))
	}
	if f.UnusedDays > 0 {
		c.unusedDays.SetText(strconv.Itoa(f.UnusedDays))
	}
	c.noExpiry.SetChecked(f.NoExpiry)
	c.graceOver.SetChecked(f.GraceOverDays > 0)
	c.unrestricted.SetChecked(f.NoAddressRestriction)
	if f.Kind == service.KindPartner {
		c.kind.SetSelected(lang.L("ui.partenaire"))
		c.showPartner()
	}
	c.apply()
}

// tiersLabel is how a tiers of the profile reads ("95963 FUTUROSCOPE CEDEX").
func tiersLabel(p service.Profile, code string) string {
	if t, ok := p.TiersByCode(code); ok {
		return t.Label()
	}
	return code
}

// serviceName is the catalogue's name of a service.
func serviceName(cat service.Catalogue, id string) string {
	if e, ok := cat.Entry(id); ok {
		return e.Name
	}
	return id
}
