package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// keysScreen is the keys page of a service: the "Critères de sélection", the key
// table, and the field that names a new key.
type keysScreen struct {
	win      fyne.Window
	backend  *backend
	run      *runner
	guard    *clipboardGuard          // the one-time dialog's Copier buttons go through it
	origin   service.CatalogueEntry   // the service opened from the catalogue
	services []service.CatalogueEntry // the Service criterion's choices
	applied  service.KeyFilter        // the criteria the table shows

	back            *button
	title           *widget.Label
	tiers           *widget.Select
	attached        *widget.Label
	service         *widget.Select
	active, revoked *widget.Check
	name            *widget.Entry
	reset, filter   *button
	table           *keyTable
	newName         *widget.Entry
	newNameErr      *widget.Label
	generate        *button
	bar             *widget.ProgressBarInfinite
	busyCount       int
	content         fyne.CanvasObject

	credentials *credentialsDialog // the one-time dialog of a new key, while shown
}

func newKeysScreen(w fyne.Window, b *backend, r *runner, guard *clipboardGuard, back func(), e service.CatalogueEntry) *keysScreen {
	s := &keysScreen{win: w, backend: b, run: r, guard: guard, origin: e, services: b.catalogue.KeyServices(),
		attached: widget.NewLabel(""), name: widget.NewEntry(),
		newName: widget.NewEntry(), newNameErr: fieldError(), bar: widget.NewProgressBarInfinite(),
	}
	s.bar.Stop()
	s.bar.Hide()
	s.back = newButton(lang.L("Retour au catalogue de services"), theme.NavigateBackIcon(), back)
	s.back.Importance = widget.LowImportance
	s.title = heading("")
	s.tiers = widget.NewSelect(tiersLabels(b.profile), nil)
	names := make([]string, len(s.services))
	for i, k := range s.services {
		names[i] = k.Name
	}
	s.service = widget.NewSelect(names, nil)
	s.active = widget.NewCheck(lang.L("Active"), nil)
	s.revoked = widget.NewCheck(lang.L("Révoquée"), nil)
	s.name.SetPlaceHolder(lang.L("Contient…"))
	s.name.OnSubmitted = func(string) { s.onFilter() }
	s.reset = newButton(lang.L("Réinitialiser les critères"), theme.ContentClearIcon(), s.onReset)
	s.filter = newButton(lang.L("Filtrer"), theme.SearchIcon(), s.onFilter)
	s.filter.Importance = widget.HighImportance
	s.newName.SetPlaceHolder(lang.L("Nom de la nouvelle clé"))
	s.newName.OnSubmitted = func(string) { s.onGenerate() }
	s.newName.OnChanged = func(string) { setFieldError(s.newNameErr, nil) }
	s.generate = newButton(lang.L("Générer"), theme.ContentAddIcon(), s.onGenerate)
	s.generate.Importance = widget.HighImportance
	s.table = newKeyTable(w, b, r, s.busy, func() service.KeyFilter { return s.applied })
	s.setCriteria()
	s.applyCriteria()
	s.tiers.OnChanged = func(string) { s.showAttached(); s.onFilter() }
	s.service.OnChanged = func(string) { s.onFilter() }

	criteria := widget.NewForm(
		widget.NewFormItem(lang.L("Tiers"), s.tiers),
		widget.NewFormItem(lang.L("rattaché"), s.attached),
		widget.NewFormItem(lang.L("Service"), s.service),
		widget.NewFormItem(lang.L("Statut de la clé d'API"), container.NewHBox(s.active, s.revoked)),
		widget.NewFormItem(lang.L("Nom de la clé d'API"), s.name),
	)
	top := container.NewVBox(
		container.NewHBox(s.back),
		widget.NewCard("", lang.L("Critères de sélection"), container.NewVBox(criteria,
			container.NewHBox(s.reset, s.filter))),
		s.title,
	)
	newKeyRow := container.NewBorder(nil, s.newNameErr, widget.NewLabel(lang.L("Entrer le nom d'une nouvelle clé")), s.generate, s.newName)
	bottom := container.NewVBox(s.bar, widget.NewSeparator(), newKeyRow)
	s.content = container.NewPadded(container.NewBorder(top, bottom, nil, nil, s.table.content))
	return s
}

// windowTitle is the page's title, after the service the table shows.
func (s *keysScreen) windowTitle() string {
	name := s.applied.Service
	if e, ok := s.backend.catalogue.Entry(s.applied.Service); ok {
		name = e.Name
	}
	return lang.L("Liste des clés d'API pour le service {{.Service}}", map[string]any{"Service": name})
}

// setCriteria puts the form in its initial state: the firm, the service opened from
// the catalogue, both statuses, any name. No OnChanged fires.
func (s *keysScreen) setCriteria() {
	tiersChanged, serviceChanged := s.tiers.OnChanged, s.service.OnChanged
	s.tiers.OnChanged, s.service.OnChanged = nil, nil
	defer func() { s.tiers.OnChanged, s.service.OnChanged = tiersChanged, serviceChanged }()
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
	s.name.SetText("")
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

// applyCriteria copies the form into the filter the table shows.
func (s *keysScreen) applyCriteria() {
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
	if s.revoked.Checked {
		f.Statuses = append(f.Statuses, service.StatusRevoked)
	}
	s.applied = f
	s.title.SetText(s.windowTitle())
	s.win.SetTitle(s.windowTitle())
}

// onFilter shows the keys matching the criteria.
func (s *keysScreen) onFilter() {
	s.applyCriteria()
	s.table.load(true)
}

// onReset puts the criteria back as they were when the page opened and filters.
func (s *keysScreen) onReset() {
	s.setCriteria()
	s.onFilter()
}

// onGenerate checks the new key's name, generates the key for the tiers and service
// the table shows, then shows its credentials once. On error the message goes next to
// the field and what the user typed stays.
func (s *keysScreen) onGenerate() {
	name := s.newName.Text
	if err := service.ValidateKeyName(name); err != nil {
		setFieldError(s.newNameErr, err)
		return
	}
	req := service.GenerateRequest{Tiers: s.applied.Tiers, Service: s.applied.Service, Name: service.NormalizeKeyName(name)}
	var gk service.GeneratedKey
	s.run.run("generate key", s.busy, func(ctx context.Context) error {
		var err error
		gk, err = s.backend.portal.Generate(ctx, req)
		return err
	}, func(err error) {
		defer func() { gk = service.GeneratedKey{} }() // forget the credentials here
		switch code := service.ErrorCode(err); {
		case err == nil:
			s.newName.SetText("")
			setFieldError(s.newNameErr, nil)
			s.credentials = showCredentialsDialog(s.win, s.guard, gk, s.tiersLabel(req.Tiers), s.serviceName(req.Service), s.onCredentialsClosed)
			s.table.load(true)
		case code == service.EINVALID || code == service.ECONFLICT:
			logError("generate key", err)
			setFieldError(s.newNameErr, err)
		default:
			s.run.fail("generate key", err)
		}
	})
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

// onCredentialsClosed forgets the one-time dialog and comes back to the name field.
func (s *keysScreen) onCredentialsClosed() {
	s.credentials = nil
	s.win.Canvas().Focus(s.newName)
}

// busy shows progress and disables the page's actions while the Portal works.
func (s *keysScreen) busy(on bool) {
	if on {
		s.busyCount++
	} else if s.busyCount > 0 {
		s.busyCount--
	}
	actions := []fyne.Disableable{s.filter, s.reset, s.generate, s.table.more}
	if s.busyCount > 0 {
		for _, a := range actions {
			a.Disable()
		}
		s.bar.Show()
		s.bar.Start()
		return
	}
	for _, a := range actions {
		a.Enable()
	}
	s.bar.Stop()
	s.bar.Hide()
}
