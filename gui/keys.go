package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
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

	back            *widgets.Button
	title           *widget.Label
	fold            *widgets.Button  // folds and unfolds the criteria
	summary         *widget.Label    // the criteria the table shows, in one line
	criteriaBody    *fyne.Container  // the criteria's form, when unfolded
	pending         *widget.Label    // says the form differs from what the table shows
	target          *widget.RichText // names the tiers and service a new key is for
	tiers           *widget.Select
	attached        *widget.Label
	service         *widget.Select
	active, revoked *widget.Check
	expired         *widget.Check
	expiresBefore   *widgets.Entry // "Expire avant le", jj/mm/aaaa
	unusedDays      *widgets.Entry // "Inutilisée depuis plus de N jours"
	criteriaErr     *widget.Label
	name            *widgets.Entry
	reset, filter   *widgets.Button
	table           *keyTable
	newName         *widgets.Entry
	newNameErr      *widget.Label
	expiry          *expiryField
	banner          *expiryBanner // the keys of the page's tiers and service expiring soon
	generate        *widgets.Button
	bar             *widgets.Activity
	busyCount       int
	content         fyne.CanvasObject

	credentials *credentialsDialog // the one-time dialog of a new key, while shown
	details     *detailsDialog     // the selected key's details, once shown
	renewing    *renewDialog       // the renewal's question, while shown
}

func newKeysScreen(w fyne.Window, b *backend, r *runner, guard *clipboardGuard, back func(), e service.CatalogueEntry) *keysScreen {
	s := &keysScreen{win: w, backend: b, run: r, guard: guard, origin: e, services: b.catalogue.KeyServices(),
		attached: widget.NewLabel(""), name: widgets.NewEntry(),
		newName: widgets.NewEntry(), newNameErr: widgets.FieldError(), bar: widgets.NewActivity(),
	}
	s.back = widgets.NewButton(lang.L("Retour au catalogue de services"), theme.NavigateBackIcon(), back)
	s.back.Importance = widget.LowImportance
	s.title = widgets.Heading("")
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.title.Wrapping = fyne.TextWrapOff
	s.title.Truncation = fyne.TextTruncateEllipsis // the window's title has it whole
	criteria := s.newCriteria()
	s.newName.SetPlaceHolder(lang.L("ex. Paie - Silae"))
	s.newName.OnSubmitted = func(string) { s.onGenerate() }
	s.newName.OnChanged = func(string) { setFieldError(s.newNameErr, nil) }
	s.generate = widgets.NewButton(lang.L("Générer"), theme.ContentAddIcon(), s.onGenerate)
	s.generate.Importance = widget.HighImportance
	s.target = widget.NewRichText()
	s.target.Wrapping = fyne.TextWrapWord
	s.table = newKeyTable(w, b, r, s.busy, func() service.KeyFilter { return s.applied })
	s.table.details = s.showDetails
	s.setCriteria()
	s.applyCriteria()

	s.banner = newExpiryBanner(s.onExpiringBanner)
	s.loadBanner(false)
	top := container.NewVBox(container.NewHBox(s.back), s.banner.btn, criteria,
		container.NewBorder(nil, nil, nil, s.table.status, s.title))
	s.expiry = newExpiryField(b.profile.KeyPolicy)
	newKeyRow := container.NewBorder(nil, nil, nil, container.NewHBox(s.expiry.box, s.generate), s.newName)
	bottom := container.NewVBox(s.bar.Object(), widget.NewSeparator(), s.target, newKeyRow, s.newNameErr)
	// The table keeps room for a few rows however small the window.
	s.content = s.table.tip.Over(container.NewPadded(container.NewBorder(top, bottom, nil, nil,
		container.NewStack(widgets.VSpace(3.5*widgets.TableRowHeight), s.table.content))))
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

// onFilter shows the keys matching the criteria; a date or number that does not
// parse is said under the criteria, and the list stays.
func (s *keysScreen) onFilter() {
	if _, _, err := s.lifeCriteria(); err != nil {
		s.showCriteria(true)
		setFieldError(s.criteriaErr, err)
		return
	}
	setFieldError(s.criteriaErr, nil)
	s.applyCriteria()
	s.table.unpin()
	s.loadBanner(true)
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
	exp, err := s.expiry.expiry()
	if err != nil {
		setFieldError(s.newNameErr, err)
		return
	}
	req := service.GenerateRequest{Tiers: s.applied.Tiers, Service: s.applied.Service, Name: service.NormalizeKeyName(name), Expiry: exp}
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
			s.table.pin(gk.Key) // shown and selected, even if the criteria would hide it
			s.table.load(true)
		case code == service.EINVALID || code == service.ECONFLICT:
			logError("generate key", err)
			setFieldError(s.newNameErr, err)
		default:
			s.run.fail("generate key", err)
		}
	})
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
		s.bar.Start()
		return
	}
	for _, a := range actions {
		a.Enable()
	}
	s.bar.Stop()
}
