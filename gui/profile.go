package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// profileScreen is the main window: who administers what, the way to the catalogue,
// the settings, and (when the Portal lets the app edit the firm) attaching a tiers.
// In server mode it also shows the login and the server, and "Se déconnecter".
type profileScreen struct {
	backend    *backend
	run        *runner
	nav        profileNav
	admin, sic *widget.Label
	login      *widget.Label // server mode: who is signed in, and where
	server     *widget.Label
	tiers      *fyne.Container // one label per tiers
	catalogue  *widgets.Button
	journal    *widgets.Button
	health     *widgets.Button // « Santé des clés »
	settings   *widgets.Button
	signOut    *widgets.Button // server mode only
	bar        *widgets.Activity
	attach     *attachForm // nil when the Portal is no FirmEditor
	policy     *policyForm // nil when the Portal is no FirmEditor
	banner     *expiryBanner
	content    fyne.CanvasObject
}

// profileNav are where the profile leads.
type profileNav struct {
	catalogue func()
	journal   func() // the audit journal
	health    func() // « Santé des clés »
	settings  func()
	signOut   func(busy func(bool)) // server mode: ends the session
	expiring  func([]service.Key)   // shows the keys the expiry banner counts
	notify    func([]service.Key)   // the desktop notification of the day
}

// attachForm adds a tiers attached to one of the profile's tiers.
type attachForm struct {
	code, name       *widgets.Entry
	parent           *widget.Select
	codeErr, nameErr *widget.Label
	formErr          *widget.Label
	submit           *widgets.Button
	bar              *widgets.Activity
}

func newProfileScreen(b *backend, r *runner, nav profileNav) *profileScreen {
	p := &profileScreen{backend: b, run: r, nav: nav,
		admin: widget.NewLabel(""), sic: widget.NewLabel(""),
		login: widget.NewLabel(""), server: widget.NewLabel(""),
		tiers: container.NewVBox(), bar: widgets.NewActivity(),
	}
	p.catalogue = widgets.NewButton(lang.L("ui.catalogue_services"), theme.ListIcon(), nav.catalogue)
	p.catalogue.Importance = widget.HighImportance
	p.journal = widgets.NewButton(lang.L("ui.journal"), theme.HistoryIcon(), nav.journal)
	p.health = widgets.NewButton(lang.L("ui.sante_cles"), theme.WarningIcon(), nav.health)
	p.settings = widgets.NewButton(lang.L("ui.parametres"), theme.SettingsIcon(), nav.settings)

	who := widget.NewForm(
		widget.NewFormItem(lang.L("ui.administrateur"), p.admin),
		widget.NewFormItem(lang.L("ui.code_sic"), p.sic),
	)
	// The buttons go on a second row when a narrow window has no room for them all.
	bottom := widgets.WrapRow(p.catalogue, p.journal, p.health, p.settings)
	if b.session != nil {
		who.Append(lang.L("ui.identifiant"), p.login)
		who.Append(lang.L("ui.serveur"), p.server)
		p.signOut = widgets.NewButton(lang.L("ui.deconnecter"), theme.LogoutIcon(), p.onSignOut)
		bottom.Add(p.signOut)
	}
	p.banner = newExpiryBanner(func() {
		if nav.expiring != nil {
			nav.expiring(p.banner.keys)
		}
	})
	parts := []fyne.CanvasObject{
		p.banner.btn, widgets.Heading(lang.L("ui.profil")), who,
		widget.NewCard(lang.L("ui.tiers_administres"), "", p.tiers),
	}
	if fe, ok := b.portal.(service.FirmEditor); ok {
		p.attach = p.newAttachForm(fe)
		parts = append(parts, widget.NewCard(lang.L("ui.rattacher_tiers"), "", p.attach.box()))
		p.policy = p.newPolicyForm(fe)
		parts = append(parts, widget.NewCard(lang.L("ui.duree_vie_maximale_cles_api"), "", p.policy.box()))
	}
	foot := container.NewPadded(container.NewVBox(p.bar.Object(), bottom))
	// Laid out again once the buttons know how many rows they take at the window's width.
	p.content = container.New(widgets.Settle(layout.NewBorderLayout(nil, foot, nil, nil)), foot,
		container.NewVScroll(container.NewPadded(container.NewVBox(parts...))))
	p.refresh()
	// Read once per Portal (at start, after a sign-in); coming back to the profile
	// shows what was read, refreshed by the keys page's Filtrer.
	if b.expRead {
		p.banner.show(b.expiring)
	} else {
		loadExpiring(b, r, func(ks []service.Key) {
			p.banner.show(ks)
			if nav.notify != nil {
				nav.notify(ks)
			}
		})
	}
	return p
}

// refresh shows the current profile.
func (p *profileScreen) refresh() {
	profile := p.backend.profile
	p.admin.SetText(profile.AdminName)
	p.sic.SetText(profile.SICCode)
	p.login.SetText(profile.Login)
	if p.backend.session != nil {
		p.server.SetText(p.backend.session.Server())
	}
	p.tiers.RemoveAll()
	for _, t := range profile.Tiers {
		text := t.Label()
		if t.AttachedTo != "" {
			parent := t.AttachedTo
			if pt, ok := profile.TiersByCode(t.AttachedTo); ok {
				parent = pt.Label()
			}
			text = lang.L("ui.tiers_rattache_parent", map[string]any{"Tiers": t.Label(), "Parent": parent})
		}
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		p.tiers.Add(l)
	}
	if p.attach != nil {
		labels := tiersLabels(profile)
		p.attach.parent.SetOptions(labels)
		if p.attach.parent.SelectedIndex() < 0 && len(labels) > 0 {
			p.attach.parent.SetSelectedIndex(0)
		}
	}
	widgets.Relayout(p.tiers)
}

// tiersLabels lists the profile's tiers as the selects show them.
func tiersLabels(profile service.Profile) []string {
	out := make([]string, len(profile.Tiers))
	for i, t := range profile.Tiers {
		out[i] = t.Label()
	}
	return out
}

func (p *profileScreen) newAttachForm(fe service.FirmEditor) *attachForm {
	a := &attachForm{
		code: widgets.NewEntry(), name: widgets.NewEntry(), parent: widget.NewSelect(nil, nil),
		codeErr: widgets.FieldError(), nameErr: widgets.FieldError(), formErr: widgets.FieldError(),
		bar: widgets.NewActivity(),
	}
	a.code.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "12345"}))
	a.code.OnChanged = func(string) { setFieldError(a.codeErr, nil); setFieldError(a.formErr, nil) }
	a.name.OnChanged = func(string) { setFieldError(a.nameErr, nil); setFieldError(a.formErr, nil) }
	a.name.SetPlaceHolder(lang.L("ui.nom_tiers"))
	submit := func() { p.onAttach(fe) }
	a.code.OnSubmitted = func(string) { submit() }
	a.name.OnSubmitted = func(string) { submit() }
	a.submit = widgets.NewButton(lang.L("ui.rattacher"), theme.ContentAddIcon(), submit)
	return a
}

func (a *attachForm) box() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.code_tiers"), container.NewVBox(a.code, widgets.NewErrorLines(a.codeErr, 2))),
		widget.NewFormItem(lang.L("ui.nom_tiers"), container.NewVBox(a.name, widgets.NewErrorLines(a.nameErr, 2))),
		widget.NewFormItem(lang.L("ui.rattache_2"), a.parent),
	)
	return container.NewVBox(form, widgets.NewErrorLines(a.formErr, 2), container.NewHBox(a.submit), a.bar.Object())
}

// onAttach checks the attach form and adds the tiers; the lists of tiers follow.
func (p *profileScreen) onAttach(fe service.FirmEditor) {
	a := p.attach
	idx := a.parent.SelectedIndex()
	if idx < 0 || idx >= len(p.backend.profile.Tiers) {
		idx = 0
	}
	t := service.Tiers{
		Code: strings.TrimSpace(a.code.Text),
		Name: strings.TrimSpace(a.name.Text),
	}
	if len(p.backend.profile.Tiers) > 0 {
		t.AttachedTo = p.backend.profile.Tiers[idx].Code
	}
	errCode := service.ValidateTiersCode(t.Code)
	errName := service.Tiers{Code: "0", Name: t.Name}.Validate()
	setFieldError(a.codeErr, errCode)
	setFieldError(a.nameErr, errName)
	setFieldError(a.formErr, nil)
	if errCode != nil || errName != nil {
		return
	}
	var profile service.Profile
	p.run.run("attach tiers", p.attachBusy, func(ctx context.Context) error {
		var err error
		profile, err = fe.AttachTiers(ctx, t)
		return err
	}, func(err error) {
		switch {
		case err == nil:
			p.backend.setProfile(profile)
			a.code.SetText("")
			a.name.SetText("")
			p.refresh()
		case service.ErrorCode(err) == service.ECONFLICT || service.ErrorField(err) == "code":
			logError("attach tiers", err)
			setFieldError(a.codeErr, err)
		case service.ErrorCode(err) == service.EINVALID:
			logError("attach tiers", err)
			setFieldError(a.formErr, err)
		default:
			p.run.fail("attach tiers", err)
		}
	})
}

func (p *profileScreen) attachBusy(on bool) {
	widgets.ShowBusy(on, p.attach.bar, p.attach.submit)
}

// onSignOut ends the server session and goes back to the sign-in screen.
func (p *profileScreen) onSignOut() { p.nav.signOut(p.signOutBusy) }

func (p *profileScreen) signOutBusy(on bool) {
	widgets.ShowBusy(on, p.bar, p.signOut, p.catalogue, p.settings)
}
