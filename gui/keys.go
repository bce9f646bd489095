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

// keysScreen is the keys page of a service, in three parts that own their widgets
// and talk through callbacks: the criteria form (criteria.go), the key table
// (keytable.go) and the generation form (generate.go). The screen puts them
// together with the expiry banner, and holds the dialogs they open.
type keysScreen struct {
	win     fyne.Window
	backend *backend
	run     *runner
	guard   *clipboardGuard // the one-time dialog's Copier buttons go through it

	back      *widgets.Button
	title     *widget.Label
	criteria  *criteriaForm
	table     *keyTable
	gen       *generateForm
	banner    *expiryBanner   // the keys of the page's tiers and service expiring soon
	alarm     *handoverBanner // the keys a failed secure handover suspended
	bar       *widgets.Activity
	busyCount int
	content   fyne.CanvasObject
	measuring bool    // criteriaRoom is measuring the page
	room      float32 // what criteriaRoom said last

	credentials *credentialsDialog // the one-time dialog of a new key, while shown
	details     *detailsDialog     // the selected key's details, once shown
	loadingKey  bool               // a key's details are on their way: another click waits for them
	renewing    *renewDialog       // the renewal's question, while shown
	suspending  *suspendDialog     // the reason of a suspension or resumption, while asked
	handingOver *handoverDialog    // a secure handover, while its dialogs are shown
	restricting *restrictDialog    // a key's restrictions, while changed
}

func newKeysScreen(w fyne.Window, b *backend, r *runner, guard *clipboardGuard, back func(), e service.CatalogueEntry) *keysScreen {
	s := &keysScreen{win: w, backend: b, run: r, guard: guard, bar: widgets.NewActivity()}
	s.back = widgets.NewButton(lang.L("ui.retour_catalogue_services"), theme.NavigateBackIcon(), back)
	s.back.Importance = widget.LowImportance
	s.title = widgets.Heading("")
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.title.Wrapping = fyne.TextWrapOff
	s.title.Truncation = fyne.TextTruncateEllipsis // the window's title has it whole
	s.criteria = newCriteriaForm(w, b.profile, b.catalogue, e, b.session != nil, s.criteriaRoom, s.onApply)
	s.gen = newGenerateForm(w, b, r, s.busy, s.onGenerated)
	s.table = newKeyTable(w, b, r, s.busy, func() service.KeyFilter { return s.criteria.applied })
	s.table.details = s.showDetails
	s.table.revoked = func() { s.loadBanner(true) }
	s.table.suspend, s.table.resume = s.onSuspend, s.onResume
	s.showApplied()

	s.banner = newExpiryBanner(s.onExpiringBanner)
	s.alarm = newHandoverBanner(s.onHandoverBanner)
	s.loadBanner(!b.expRead) // the app may open on this page, before the profile read them
	top := container.NewVBox(container.NewHBox(s.back), s.alarm.btn, s.banner.btn, s.criteria.content,
		container.NewBorder(nil, nil, nil, s.table.status, s.title))
	bottom := container.NewVBox(s.bar.Object(), widget.NewSeparator(), s.gen.content)
	// The table keeps room for a few rows however small the window.
	// Laid out again when the criteria change their arrangement as the window resizes.
	s.content = s.table.tip.Over(container.NewPadded(container.New(widgets.Settle(layout.NewBorderLayout(top, bottom, nil, nil)),
		top, bottom, container.NewStack(widgets.VSpace(3.5*widgets.TableRowHeight), s.table.content))))
	return s
}

// windowTitle is the page's title, after the service the table shows.
func (s *keysScreen) windowTitle() string {
	return lang.L("ui.liste_cles_api_service_service",
		map[string]any{"Service": serviceName(s.backend.catalogue, s.criteria.applied.Service)})
}

// showApplied titles the page and points the generation form at the tiers and
// service of the criteria applied.
func (s *keysScreen) showApplied() {
	f := s.criteria.applied
	s.title.SetText(s.windowTitle())
	s.win.SetTitle(appTitle(s.windowTitle()))
	s.gen.setTarget(f.Tiers, f.Service, s.tiersLabel(f.Tiers)+" · "+s.serviceName(f.Service))
}

// onApply shows the keys matching the criteria just applied.
func (s *keysScreen) onApply(service.KeyFilter) {
	s.showApplied()
	s.table.unpin()
	s.loadBanner(true)
	s.table.load(true)
}

// applyCriteria shows the page on the criteria f instead of its initial ones, before
// its list is loaded: the expiry banner counts for f's tiers and service.
func (s *keysScreen) applyCriteria(f service.KeyFilter) {
	s.criteria.setFilter(f)
	s.showApplied()
	s.loadBanner(false)
}

// refresh reads the list and the expiry banner again, with the criteria applied.
func (s *keysScreen) refresh() {
	s.loadBanner(true)
	s.table.load(true)
}

// onGenerated shows a new key's credentials once, and the key selected in the
// table, even if the criteria would hide it.
func (s *keysScreen) onGenerated(gk service.GeneratedKey, tiers, svc string) {
	s.credentials = showCredentialsDialog(s.win, s.guard, gk, s.tiersLabel(tiers), s.serviceName(svc), s.onCredentialsClosed, s.handoverOffer())
	s.table.pin(gk.Key)
	s.table.load(true)
	s.loadBanner(true) // it may expire soon
}

// onCredentialsClosed forgets the one-time dialog and comes back to the name field.
func (s *keysScreen) onCredentialsClosed() {
	s.credentials = nil
	s.win.Canvas().Focus(s.gen.newName)
}

// tiersLabel is how a tiers of the profile reads.
func (s *keysScreen) tiersLabel(code string) string { return tiersLabel(s.backend.profile, code) }

// serviceName is the catalogue's name of a service.
func (s *keysScreen) serviceName(id string) string { return serviceName(s.backend.catalogue, id) }

// busy shows progress and disables the page's actions while the Portal works.
func (s *keysScreen) busy(on bool) {
	if on {
		s.busyCount++
	} else if s.busyCount > 0 {
		s.busyCount--
	}
	actions := []fyne.Disableable{s.criteria.filter, s.criteria.reset, s.gen.generate, s.table.more}
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

// criteriaRoom is the height the unfolded criteria's fields may take: what the window
// leaves once the rest of the page, the table's few rows included, has its own.
func (s *keysScreen) criteriaRoom() float32 {
	const least = 2 * widgets.TableRowHeight // a scroll of a row or two, at worst
	if s.content == nil || s.measuring {     // the page's size asks for the fields' own
		return max(s.room, least)
	}
	s.measuring = true
	defer func() { s.measuring = false }()
	rest := s.content.MinSize().Height // with the fields at what they were given last
	if s.criteria.criteriaBody.Visible() {
		rest -= min(s.criteria.fields.MinSize().Height, max(s.room, least))
	}
	avail := s.win.Canvas().Size().Height
	if s.win.Padded() { // the window's own padding, around the page
		avail -= 2 * theme.Padding()
	}
	s.room = max(avail-rest, least)
	return s.room
}
