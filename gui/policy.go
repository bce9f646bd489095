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
// with sesame-server firm policy): a number of days, or empty for none.
type policyForm struct {
	days  *widgets.Entry
	err   *widget.Label
	apply *widgets.Button
	state *widget.Label
}

func (p *profileScreen) newPolicyForm(fe service.FirmEditor) *policyForm {
	f := &policyForm{days: widgets.NewEntry(), err: widgets.FieldError(), state: widget.NewLabel("")}
	f.days.SetPlaceHolder(lang.L("ui.aucune"))
	f.apply = widgets.NewButton(lang.L("ui.appliquer"), theme.ConfirmIcon(), func() { p.onPolicy(fe) })
	f.days.OnSubmitted = func(string) { p.onPolicy(fe) }
	f.show(p.backend.profile.KeyPolicy)
	return f
}

func (f *policyForm) box() fyne.CanvasObject {
	// A number of days: a field for a few digits, not the window's width.
	days := container.NewGridWrap(fyne.NewSize(120, f.days.MinSize().Height), f.days)
	row := container.NewHBox(days, widget.NewLabel(lang.L("ui.jours")), f.apply)
	return container.NewVBox(f.state, row, f.err)
}

// show says the policy in force and puts it in the field.
func (f *policyForm) show(pol service.KeyPolicy) {
	if pol.MaxLifetimeDays == 0 {
		f.days.SetText("")
		f.state.SetText(lang.L("ui.aucune_jamais_propose_generation"))
		return
	}
	f.days.SetText(strconv.Itoa(pol.MaxLifetimeDays))
	f.state.SetText(lang.N("ui.jours_cles_generees_expirent_plus", pol.MaxLifetimeDays, map[string]any{"N": pol.MaxLifetimeDays}))
}

// onPolicy applies the maximum lifetime typed; the keys page offers the choices it
// allows from then on.
func (p *profileScreen) onPolicy(fe service.FirmEditor) {
	pol, err := service.ParseLifetime(p.policy.days.Text)
	if err != nil {
		setFieldError(p.policy.err, err)
		return
	}
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
