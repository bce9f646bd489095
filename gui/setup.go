package gui

import (
	"context"
	"os/user"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// setupScreen is the "Profil du cabinet" form of the first start: the firm's SIC code
// and name (its first tiers) and the administrator's name.
type setupScreen struct {
	backend                   *backend
	run                       *runner
	onDone                    func(service.Profile) // the firm is set up: show its profile
	sic, firm, admin          *widgets.Entry
	sicErr, firmErr, adminErr *widget.Label
	formErr                   *widget.Label
	submit                    *widgets.Button
	settings                  *widgets.Button // to work on the firm's server instead
	bar                       *widgets.Activity
	content                   fyne.CanvasObject
}

func newSetupScreen(b *backend, r *runner, onDone func(service.Profile), openSettings func()) *setupScreen {
	s := &setupScreen{backend: b, run: r, onDone: onDone,
		sic: widgets.NewEntry(), firm: widgets.NewEntry(), admin: widgets.NewEntry(),
		sicErr: widgets.FieldError(), firmErr: widgets.FieldError(), adminErr: widgets.FieldError(), formErr: widgets.FieldError(),
		bar: widgets.NewActivity(),
	}
	s.sic.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "95963"}))
	s.firm.SetPlaceHolder(lang.L("ui.raison_sociale_cabinet"))
	// An error goes as soon as its field changes.
	for e, l := range map[*widgets.Entry]*widget.Label{s.sic: s.sicErr, s.firm: s.firmErr, s.admin: s.adminErr} {
		e.OnChanged = func(string) { setFieldError(l, nil); setFieldError(s.formErr, nil) }
	}
	s.admin.SetText(osFullName())
	for _, e := range []*widgets.Entry{s.sic, s.firm, s.admin} {
		e.OnSubmitted = func(string) { s.onSubmit() }
	}
	s.submit = widgets.NewButton(lang.L("ui.creer_profil"), nil, s.onSubmit)
	s.submit.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.code_sic"), container.NewVBox(s.sic, widgets.NewErrorLines(s.sicErr, 2))),
		widget.NewFormItem(lang.L("ui.nom_cabinet"), container.NewVBox(s.firm, widgets.NewErrorLines(s.firmErr, 2))),
		widget.NewFormItem(lang.L("ui.nom_administrateur"), container.NewVBox(s.admin, widgets.NewErrorLines(s.adminErr, 2))),
	)
	intro := widgets.Wrapped(lang.L("ui.bienvenue_sesame_decrivez_cabinet_sera"))
	title := widgets.Heading(lang.L("ui.profil_cabinet"))
	s.settings = widgets.NewButton(lang.L("ui.parametres"), theme.SettingsIcon(), openSettings)
	s.settings.Importance = widget.LowImportance
	server := container.NewHBox(widget.NewLabel(lang.L("ui.cabinet_serveur_sesame")), s.settings)
	box := container.NewVBox(title, intro, form, widgets.NewErrorLines(s.formErr, 2), container.NewHBox(s.submit), s.bar.Object(),
		widget.NewSeparator(), server)
	s.content = widgets.TopCentered(container.NewVBox(widgets.HSpace(560), box))
	return s
}

// osFullName is the default administrator: the OS account's display name, or its
// bare user name.
func osFullName() string {
	cur, err := user.Current()
	if err != nil {
		return ""
	}
	return accountName(cur.Name, cur.Username)
}

// accountName is the name an account shows: its display name when it has one, else
// its user name without the Windows domain (VM\root reads root).
func accountName(display, username string) string {
	if n := strings.TrimSpace(display); n != "" && !strings.Contains(n, `\`) {
		return n
	}
	if i := strings.LastIndex(username, `\`); i >= 0 {
		username = username[i+1:]
	}
	return strings.TrimSpace(username)
}

// onSubmit checks every field, shows what is wrong next to it, and if all is well
// creates the firm's profile and opens it.
func (s *setupScreen) onSubmit() {
	req := service.FirmSetup{
		SICCode:   strings.TrimSpace(s.sic.Text),
		FirmName:  strings.TrimSpace(s.firm.Text),
		AdminName: strings.TrimSpace(s.admin.Text),
	}
	errSIC := service.ValidateSICCode(req.SICCode)
	// Check each name alone, with valid stand-ins for the other fields.
	errFirm := service.FirmSetup{SICCode: "0", FirmName: req.FirmName, AdminName: "x"}.Validate()
	errAdmin := service.FirmSetup{SICCode: "0", FirmName: "x", AdminName: req.AdminName}.Validate()
	setFieldError(s.sicErr, errSIC)
	setFieldError(s.firmErr, errFirm)
	setFieldError(s.adminErr, errAdmin)
	setFieldError(s.formErr, nil)
	if errSIC != nil || errFirm != nil || errAdmin != nil {
		return
	}
	fe, ok := s.backend.portal.(service.FirmEditor)
	if !ok {
		setFieldError(s.formErr, service.Errorf(service.EFORBIDDEN, service.MsgForbidden, nil))
		return
	}
	var profile service.Profile
	s.run.run("set up firm", s.busy, func(ctx context.Context) error {
		var err error
		profile, err = fe.SetUpFirm(ctx, req)
		return err
	}, func(err error) {
		if err != nil {
			logError("set up firm", err)
			if service.ErrorCode(err) == service.EINVALID && service.ErrorField(err) == "code" {
				setFieldError(s.sicErr, err)
			} else {
				setFieldError(s.formErr, err)
			}
			return
		}
		s.onDone(profile)
	})
}

func (s *setupScreen) busy(on bool) { widgets.ShowBusy(on, s.bar, s.submit) }
