package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// policyForm sets the firm's maximum key lifetime in local mode (a server's is set
// with sesame-server firm policy): a number of days, or empty for none; and the
// partner keys' own, empty when they follow the firm's; and, for each kind, whether
// generating a key needs an address restriction.
type policyForm struct {
	days         *widgets.Entry
	partnerDays  *widgets.Entry
	firmAddr     *widget.Check // « Restriction d'adresse exigée » for the firm's keys
	partnerAddr  *widget.Check // the same for partner keys
	err          *widget.Label
	apply        *widgets.Button
	state        *widget.Label
	partnerState *widget.Label
}

func (p *profileScreen) newPolicyForm(fe service.FirmEditor) *policyForm {
	f := &policyForm{days: widgets.NewEntry(), partnerDays: widgets.NewEntry(), err: widgets.FieldError(),
		state: widget.NewLabel(""), partnerState: widget.NewLabel(""),
		firmAddr: widget.NewCheck(lang.L("ui.adresse_exigee"), nil), partnerAddr: widget.NewCheck(lang.L("ui.adresse_exigee"), nil)}
	f.state.Wrapping, f.partnerState.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	f.days.SetPlaceHolder(lang.L("ui.aucune"))
	f.partnerDays.SetPlaceHolder(lang.L("ui.aucune"))
	f.apply = widgets.NewButton(lang.L("ui.appliquer"), theme.ConfirmIcon(), func() { p.onPolicy(fe) })
	f.days.OnSubmitted = func(string) { p.onPolicy(fe) }
	f.partnerDays.OnSubmitted = func(string) { p.onPolicy(fe) }
	f.show(p.backend.profile.KeyPolicy)
	return f
}

func (f *policyForm) box() fyne.CanvasObject {
	// A number of days: a field for a few digits, not the window's width.
	days := container.NewGridWrap(fyne.NewSize(120, f.days.MinSize().Height), f.days)
	partnerDays := container.NewGridWrap(fyne.NewSize(120, f.partnerDays.MinSize().Height), f.partnerDays)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.cles_du_cabinet_maj"), container.NewHBox(days, widget.NewLabel(lang.L("ui.jours")), f.firmAddr)),
		widget.NewFormItem(lang.L("ui.cles_partenaires_maj"), container.NewHBox(partnerDays, widget.NewLabel(lang.L("ui.jours")), f.partnerAddr, f.apply)),
	)
	return container.NewVBox(f.state, f.partnerState, form, widgets.NewErrorLines(f.err, 2))
}

// show says the policy in force and puts it in the field.
func (f *policyForm) show(pol service.KeyPolicy) {
	f.firmAddr.SetChecked(pol.FirmAddressRequired)
	f.partnerAddr.SetChecked(pol.PartnerAddressRequired)
	f.partnerDays.SetText("")
	if pol.PartnerMaxLifetimeDays == 0 {
		f.partnerState.SetText(lang.L("ui.cles_partenaires_suivent_regle"))
	} else {
		f.partnerDays.SetText(strconv.Itoa(pol.PartnerMaxLifetimeDays))
		f.partnerState.SetText(lang.N("ui.cles_partenaires_expirent_plus", pol.PartnerMaxLifetimeDays, map[string]any{"N": pol.PartnerMaxLifetimeDays}))
	}
	if pol.MaxLifetimeDays == 0 {
		f.days.SetText("")
		f.state.SetText(lang.L("ui.aucune_jamais_propose_generation"))
		return
	}
	f.days.SetText(strconv.Itoa(pol.MaxLifetimeDays))
	f.state.SetText(lang.N("ui.jours_cles_generees_expirent_plus", pol.MaxLifetimeDays, map[string]any{"N": pol.MaxLifetimeDays}))
}

// onPolicy applies the maximum lifetimes typed; the keys page offers the choices
// they allow from then on.
func (p *profileScreen) onPolicy(fe service.FirmEditor) {
	pol, err := service.ParseLifetime(p.policy.days.Text)
	if err != nil {
		setFieldError(p.policy.err, err)
		return
	}
	partner, err := service.ParseLifetime(p.policy.partnerDays.Text)
	if err != nil {
		setFieldError(p.policy.err, service.FieldError("partnerMaxKeyLifetime", service.MsgPartnerPolicyDays))
		return
	}
	pol.PartnerMaxLifetimeDays = partner.MaxLifetimeDays
	pol.FirmAddressRequired, pol.PartnerAddressRequired = p.policy.firmAddr.Checked, p.policy.partnerAddr.Checked
	setFieldError(p.policy.err, nil)
	var prof service.Profile
	p.run.run("set key policy", p.attachBusy, func(ctx context.Context) error {
		var err error
		prof, err = fe.SetKeyPolicy(ctx, pol)
		return err
	}, func(err error) {
		if err != nil {
			setFieldError(p.policy.err, err)
			return
		}
		p.backend.setProfile(prof)
		p.policy.show(prof.KeyPolicy)
	})
}
