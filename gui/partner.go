package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// partnerDialog asks who a partner key is handed to, before it is generated: the
// company's name, its SIRET (optional), a contact's name and e-mail. Each field
// shows the service's sentence under it when it is refused; Enter generates, Escape
// closes and keeps what was typed for the next time.
type partnerDialog struct {
	dlg                           *widgets.Dialog
	form                          *widget.Form
	name, siret, contact, email   *widgets.Entry
	nameErr, siretErr, contactErr *widget.Label
	emailErr                      *widget.Label
	submit                        *widgets.Button
	onSubmit                      func(service.Partner)
	onClose                       func(service.Partner) // what was typed, on cancel
}

// newPartnerDialog builds the dialog for the key named keyName, its fields filled
// with p; onSubmit gets a partner the service's rules accept, onClose what was typed
// when the user cancels.
func newPartnerDialog(w fyne.Window, keyName string, p service.Partner, onSubmit, onClose func(service.Partner)) *partnerDialog {
	d := &partnerDialog{onSubmit: onSubmit, onClose: onClose,
		name: widgets.NewEntry(), siret: widgets.NewEntry(), contact: widgets.NewEntry(), email: widgets.NewEntry(),
		nameErr: widgets.FieldError(), siretErr: widgets.FieldError(), contactErr: widgets.FieldError(), emailErr: widgets.FieldError()}
	d.name.SetText(p.Name)
	d.siret.SetText(p.SIRET)
	d.contact.SetText(p.ContactName)
	d.email.SetText(p.ContactEmail)
	d.siret.SetPlaceHolder(lang.L("ui.quatorze_chiffres"))
	d.email.SetPlaceHolder(lang.L("ui.ex_email_contact"))
	d.form = widget.NewForm(
		widget.NewFormItem(lang.L("ui.nom_entreprise"), container.NewVBox(d.name, widgets.NewErrorLine(d.nameErr))),
		widget.NewFormItem(lang.L("ui.siret_facultatif"), container.NewVBox(d.siret, widgets.NewErrorLine(d.siretErr))),
		widget.NewFormItem(lang.L("ui.nom_contact"), container.NewVBox(d.contact, widgets.NewErrorLine(d.contactErr))),
		widget.NewFormItem(lang.L("ui.email_contact"), container.NewVBox(d.email, widgets.NewErrorLine(d.emailErr))),
	)
	intro := widgets.Wrapped(lang.L("ui.cle_remise_entreprise_exterieure", map[string]any{"Name": keyName}))
	cancel := widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), d.cancel)
	d.submit = widgets.NewButton(lang.L("ui.generer"), theme.ContentAddIcon(), d.onGenerate)
	d.submit.Importance = widget.HighImportance
	for _, e := range d.entries() {
		e.OnSubmitted = func(string) { d.onGenerate() }
		e.Escape = d.cancel
	}
	d.dlg = widgets.NewDialog(w, lang.L("ui.cle_partenaire"), container.NewVBox(intro, d.form),
		[]*widgets.Button{cancel, d.submit}, d.onGenerate, d.cancel)
	d.dlg.Width = 560
	return d
}

func (d *partnerDialog) entries() []*widgets.Entry {
	return []*widgets.Entry{d.name, d.siret, d.contact, d.email}
}

// show opens the dialog with the cursor in the company's name.
func (d *partnerDialog) show() {
	d.dlg.Show()
	d.dlg.Window.Canvas().Focus(d.name)
}

// typed is the partner as typed.
func (d *partnerDialog) typed() service.Partner {
	return service.Partner{Name: d.name.Text, SIRET: d.siret.Text, ContactName: d.contact.Text, ContactEmail: d.email.Text}
}

// onGenerate checks the partner with the service's rules, then hands it on.
func (d *partnerDialog) onGenerate() {
	if d.submit.Disabled() {
		return
	}
	p := d.typed()
	_, np, err := service.NormalizeKind(service.KindPartner, &p)
	if d.showError(err) || err != nil {
		return
	}
	d.onSubmit(*np)
}

// cancel closes the dialog; what was typed waits for the next partner key.
func (d *partnerDialog) cancel() {
	d.dlg.Hide()
	d.onClose(d.typed())
}

// showError shows err's sentence under its field, clears the others, and reports
// whether err belongs to one of the dialog's fields.
func (d *partnerDialog) showError(err error) bool {
	field := service.ErrorField(err)
	shown := false
	for _, f := range []struct {
		name  string
		entry *widgets.Entry
		label *widget.Label
	}{
		{"partner.name", d.name, d.nameErr},
		{"partner.siret", d.siret, d.siretErr},
		{"partner.contactName", d.contact, d.contactErr},
		{"partner.contactEmail", d.email, d.emailErr},
	} {
		if err != nil && strings.EqualFold(field, f.name) {
			setFieldError(f.label, err)
			d.dlg.Window.Canvas().Focus(f.entry)
			shown = true
		} else {
			setFieldError(f.label, nil)
		}
	}
	if shown {
		d.dlg.Show() // grown by the sentence: fitted again
	}
	return shown
}

// busy disables Générer while the key is being generated.
func (d *partnerDialog) busy(on bool) {
	if on {
		d.submit.Disable()
	} else {
		d.submit.Enable()
	}
}
