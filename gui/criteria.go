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

	"sesame/gui/widgets"
	"sesame/service"
)

// The "Critères de sélection" of the keys page. Every criterion applies the same
// way: on Filtrer (or Enter in the name field). Until then a line says the list does
// not follow the form yet. Folded, the criteria are one line that sums up those the
// table shows, so that small windows keep room for the table.

// criteriaMaxHeight is the most the unfolded criteria take; beyond, they scroll.
const criteriaMaxHeight = 140

// newCriteria builds the criteria's widgets and their folded and unfolded views.
func (s *keysScreen) newCriteria() fyne.CanvasObject {
	s.tiers = widget.NewSelect(tiersLabels(s.backend.profile), nil)
	names := make([]string, len(s.services))
	for i, k := range s.services {
		names[i] = k.Name
	}
	s.service = widget.NewSelect(names, nil)
	s.active = widget.NewCheck(lang.L("Active"), nil)
	s.revoked = widget.NewCheck(lang.L("Révoquée"), nil)
	s.expired = widget.NewCheck(lang.L("Expirée"), nil)
	s.expiresBefore = widgets.NewEntry()
	s.expiresBefore.SetPlaceHolder(lang.L("jj/mm/aaaa"))
	s.expiresBefore.OnSubmitted = func(string) { s.onFilter() }
	s.unusedDays = widgets.NewEntry()
	s.unusedDays.SetPlaceHolder(lang.L("ex. 90"))
	s.unusedDays.OnSubmitted = func(string) { s.onFilter() }
	s.criteriaErr = widgets.FieldError()
	s.name.SetPlaceHolder(lang.L("ex. Paie, Synchro banque…"))
	s.name.OnSubmitted = func(string) { s.onFilter() }
	s.reset = widgets.NewButton(lang.L("Réinitialiser les critères"), theme.ContentClearIcon(), s.onReset)
	s.filter = widgets.NewButton(lang.L("Filtrer"), theme.SearchIcon(), s.onFilter)
	s.filter.Importance = widget.HighImportance
	s.fold = widgets.NewButton(lang.L("Critères de sélection"), theme.MenuExpandIcon(), s.toggleCriteria)
	s.fold.Importance = widget.LowImportance
	s.fold.Alignment = widget.ButtonAlignLeading
	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.pending = widget.NewLabelWithStyle(lang.L("Les critères ont changé : appuyez sur Filtrer pour mettre la liste à jour."),
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	s.pending.Importance = widget.WarningImportance
	s.pending.Wrapping = fyne.TextWrapWord
	s.pending.Hide()

	left := widget.NewForm(
		widget.NewFormItem(lang.L("Tiers"), s.tiers),
		widget.NewFormItem(lang.L("rattaché"), s.attached),
		widget.NewFormItem(lang.L("Service"), s.service),
	)
	right := widget.NewForm(
		widget.NewFormItem(lang.L("Statut de la clé d'API"), container.NewHBox(s.active, s.expired, s.revoked)),
		widget.NewFormItem(lang.L("Nom de la clé d'API"), s.name),
		widget.NewFormItem(lang.L("Expire avant le"), s.expiresBefore),
		widget.NewFormItem(lang.L("Inutilisée depuis plus de"), container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("jours")), s.unusedDays)),
	)
	body := container.NewVBox(widgets.ColumnsWhenWide(left, right), s.criteriaErr, container.NewHBox(s.reset, s.filter))
	// In a short window the unfolded criteria scroll, and the table keeps its rows.
	s.criteriaBody = container.NewStack(widgets.ScrollWithin(body, func() float32 { return criteriaMaxHeight }))
	s.criteriaBody.Hide()
	return container.NewVBox(
		container.NewBorder(nil, nil, s.fold, nil, s.summary),
		s.criteriaBody, s.pending)
}

// hookCriteria makes every change of the form show whether the table follows it.
func (s *keysScreen) hookCriteria() {
	s.tiers.OnChanged = func(string) { s.showAttached(); s.showPending() }
	s.service.OnChanged = func(string) { s.showPending() }
	s.active.OnChanged = func(bool) { s.showPending() }
	s.revoked.OnChanged = func(bool) { s.showPending() }
	s.expired.OnChanged = func(bool) { s.showPending() }
	s.expiresBefore.OnChanged = func(string) { s.showPending() }
	s.unusedDays.OnChanged = func(string) { s.showPending() }
	s.name.OnChanged = func(string) { s.showPending() }
}

// toggleCriteria folds or unfolds the criteria.
func (s *keysScreen) toggleCriteria() { s.showCriteria(!s.criteriaBody.Visible()) }

// showCriteria unfolds (or folds) the criteria.
func (s *keysScreen) showCriteria(open bool) {
	if open == s.criteriaBody.Visible() {
		return
	}
	if open {
		s.criteriaBody.Show()
		s.fold.SetIcon(theme.MenuDropDownIcon())
	} else {
		s.criteriaBody.Hide()
		s.fold.SetIcon(theme.MenuExpandIcon())
	}
	widgets.Relayout(s.criteriaBody)
}

// focusName unfolds the criteria and puts the cursor in the name criterion (Ctrl+F).
func (s *keysScreen) focusName() {
	s.showCriteria(true)
	s.win.Canvas().Focus(s.name)
}

// setCriteria puts the form in its initial state: the firm, the service opened from
// the catalogue, both statuses, any name. No OnChanged fires.
func (s *keysScreen) setCriteria() {
	s.tiers.OnChanged, s.service.OnChanged, s.active.OnChanged, s.revoked.OnChanged, s.name.OnChanged = nil, nil, nil, nil, nil
	s.expired.OnChanged, s.expiresBefore.OnChanged, s.unusedDays.OnChanged = nil, nil, nil
	defer s.hookCriteria()
	if len(s.backend.profile.Tiers) > 0 {
		s.tiers.SetSelectedIndex(0)
	}
	for i, k := range s.services {
		if k.ID == s.origin.ID {
			s.service.SetSelectedIndex(i)
		}
	}
	s.active.SetChecked(true)
	s.revoked.SetChecked(true)
	s.expired.SetChecked(true)
	s.name.SetText("")
	s.expiresBefore.SetText("")
	s.unusedDays.SetText("")
	s.showAttached()
}

// showAttached shows what the selected tiers is attached to, or itself for a firm.
func (s *keysScreen) showAttached() {
	t, ok := s.selectedTiers()
	if !ok {
		s.attached.SetText("")
		return
	}
	if p, ok := s.backend.profile.TiersByCode(t.AttachedTo); ok && t.AttachedTo != "" {
		t = p
	}
	s.attached.SetText(t.Label())
}

func (s *keysScreen) selectedTiers() (service.Tiers, bool) {
	i := s.tiers.SelectedIndex()
	if i < 0 || i >= len(s.backend.profile.Tiers) {
		return service.Tiers{}, false
	}
	return s.backend.profile.Tiers[i], true
}

// formFilter is the filter the form shows.
func (s *keysScreen) formFilter() service.KeyFilter {
	f := service.KeyFilter{Service: s.origin.ID, NameContains: s.name.Text}
	if t, ok := s.selectedTiers(); ok {
		f.Tiers = t.Code
	}
	if i := s.service.SelectedIndex(); i >= 0 && i < len(s.services) {
		f.Service = s.services[i].ID
	}
	if s.active.Checked {
		f.Statuses = append(f.Statuses, service.StatusActive)
	}
	if s.expired.Checked {
		f.Statuses = append(f.Statuses, service.StatusExpired)
	}
	if s.revoked.Checked {
		f.Statuses = append(f.Statuses, service.StatusRevoked)
	}
	f.ExpiresBefore, f.UnusedDays, _ = s.lifeCriteria()
	return f
}

// lifeCriteria reads "Expire avant le" (the key expires before 00:00 that day) and
// "Inutilisée depuis plus de N jours"; an error for a value that does not parse.
func (s *keysScreen) lifeCriteria() (before time.Time, days int, err error) {
	if t := strings.TrimSpace(s.expiresBefore.Text); t != "" {
		if before, err = service.ParseExpiryDate(t, clock().Location()); err != nil {
			return time.Time{}, 0, err
		}
	}
	if t := strings.TrimSpace(s.unusedDays.Text); t != "" {
		days, err = strconv.Atoi(t)
		if err != nil || days < 1 || days > service.MaxUnusedDays {
			return before, 0, service.FieldError("unusedDays", service.MsgUnusedDays)
		}
	}
	return before, days, nil
}

// sameCriteria reports whether two filters select the same keys.
func sameCriteria(a, b service.KeyFilter) bool {
	return a.Tiers == b.Tiers && a.Service == b.Service && slices.Equal(a.Statuses, b.Statuses) &&
		strings.TrimSpace(a.NameContains) == strings.TrimSpace(b.NameContains) &&
		a.ExpiresBefore.Equal(b.ExpiresBefore) && a.UnusedDays == b.UnusedDays
}

// showPending says whether the form differs from the criteria the table shows.
func (s *keysScreen) showPending() {
	differ := !sameCriteria(s.formFilter(), s.applied)
	if differ != s.pending.Visible() {
		s.pending.Hidden = !differ
		widgets.Relayout(s.pending)
	}
}

// applyCriteria copies the form into the filter the table shows.
func (s *keysScreen) applyCriteria() {
	s.applied = s.formFilter()
	s.title.SetText(s.windowTitle())
	s.win.SetTitle(s.windowTitle())
	s.summary.SetText(s.criteriaSummary())
	s.target.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: lang.L("Entrer le nom d'une nouvelle clé"), Style: widget.RichTextStyleStrong},
		&widget.TextSegment{Text: " — " + s.tiersLabel(s.applied.Tiers) + " · " + s.serviceName(s.applied.Service),
			Style: widget.RichTextStyleInline},
	}
	s.target.Refresh()
	s.showPending()
}

// criteriaSummary is the one line that sums up the criteria the table shows.
func (s *keysScreen) criteriaSummary() string {
	f := s.applied
	var statuses []string
	for _, st := range f.Statuses {
		statuses = append(statuses, statusText(st))
	}
	status := strings.Join(statuses, ", ")
	if len(statuses) == 0 {
		status = lang.L("aucun")
	}
	parts := []string{s.tiersLabel(f.Tiers), s.serviceName(f.Service), status}
	if n := strings.TrimSpace(f.NameContains); n != "" {
		parts = append(parts, lang.L("nom contenant « {{.Name}} »", map[string]any{"Name": n}))
	}
	if !f.ExpiresBefore.IsZero() {
		parts = append(parts, lang.L("expire avant le {{.Date}}", map[string]any{"Date": f.ExpiresBefore.Format("02/01/2006")}))
	}
	if f.UnusedDays > 0 {
		parts = append(parts, lang.L("inutilisée depuis plus de {{.N}} jours", map[string]any{"N": f.UnusedDays}))
	}
	return strings.Join(parts, " · ")
}

// tiersLabel is how a tiers of the profile reads ("95963 FUTUROSCOPE CEDEX").
func (s *keysScreen) tiersLabel(code string) string {
	if t, ok := s.backend.profile.TiersByCode(code); ok {
		return t.Label()
	}
	return code
}

// serviceName is the catalogue's name of a service.
func (s *keysScreen) serviceName(id string) string {
	if e, ok := s.backend.catalogue.Entry(id); ok {
		return e.Name
	}
	return id
}
