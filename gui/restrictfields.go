package gui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// restrictFields are the fields of a key's restrictions, in the generation form's
// « Restrictions » section and in the « Restrictions… » dialog: the allowed
// addresses, one per line; « Lecture seule »; requests per minute (empty: no
// limit). Each refusal shows under its field.
type restrictFields struct {
	addresses *widgets.Entry
	readOnly  *widget.Check
	rate      *widgets.Entry
	addrErr   *widget.Label
	rateErr   *widget.Label
	form      *widget.Form
	// burst is the key's own burst (set through the API), kept while its rate is.
	rateWas, burst int
}

// newRestrictFields builds the fields filled with r.
func newRestrictFields(r service.RestrictionsInput) *restrictFields {
	f := &restrictFields{addresses: widgets.NewEntry(), readOnly: widget.NewCheck(lang.L("ui.lecture_seule_methodes"), nil),
		rate: widgets.NewEntry(), addrErr: widgets.FieldError(), rateErr: widgets.FieldError(), rateWas: r.RatePerMinute, burst: r.Burst}
	f.addresses.MultiLine = true
	f.addresses.SetMinRowsVisible(3)
	f.addresses.Wrapping = fyne.TextWrapOff
	f.addresses.SetPlaceHolder(lang.L("ui.adresses_exemple"))
	f.addresses.SetText(strings.Join(r.Addresses, "\n"))
	f.addresses.OnChanged = func(string) { setFieldError(f.addrErr, nil) }
	f.readOnly.SetChecked(r.ReadOnly)
	f.rate.SetPlaceHolder(lang.L("ui.sans_limite"))
	if r.RatePerMinute > 0 {
		f.rate.SetText(strconv.Itoa(r.RatePerMinute))
	}
	f.rate.OnChanged = func(string) { setFieldError(f.rateErr, nil) }
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("ui.adresses_autorisees"), container.NewVBox(f.addresses,
			hint(lang.L("ui.adresses_aide")), widgets.NewErrorLine(f.addrErr))),
		widget.NewFormItem(lang.L("ui.lecture_seule"), f.readOnly),
		widget.NewFormItem(lang.L("ui.requetes_par_minute"), container.NewVBox(f.rate, widgets.NewErrorLine(f.rateErr))),
	)
	return f
}

// onKeys makes Enter in the rate submit and Escape in either entry cancel (Enter in
// the addresses starts a new line).
func (f *restrictFields) onKeys(submit, escape func()) {
	f.rate.OnSubmitted = func(string) { submit() }
	f.rate.Escape, f.addresses.Escape = escape, escape
}

// input is what was typed, checked as the service checks it: the first refusal
// shows under its field and is returned.
func (f *restrictFields) input() (service.RestrictionsInput, error) {
	in := service.RestrictionsInput{Addresses: strings.Split(f.addresses.Text, "\n"), ReadOnly: f.readOnly.Checked}
	if t := strings.TrimSpace(strings.ReplaceAll(f.rate.Text, " ", "")); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n <= 0 {
			err := service.FieldError("restrictions.ratePerMinute", service.MsgRestrictRateRange)
			f.showError(err)
			return in, err
		}
		in.RatePerMinute = n
		if n == f.rateWas {
			in.Burst = f.burst
		}
	}
	if _, err := service.NormalizeRestrictions(in); err != nil {
		f.showError(err)
		return in, err
	}
	f.showError(nil)
	return in, nil
}

// showError shows err's sentence under its field and clears the other; it reports
// whether err belongs to one of them.
func (f *restrictFields) showError(err error) bool {
	field := service.ErrorField(err)
	addr := err != nil && field == "restrictions.addresses"
	rate := err != nil && (field == "restrictions.ratePerMinute" || field == "restrictions.burst")
	setFieldError(f.addrErr, nil)
	setFieldError(f.rateErr, nil)
	switch {
	case addr:
		setFieldError(f.addrErr, err)
	case rate:
		setFieldError(f.rateErr, err)
	}
	return addr || rate
}

// hint is a small sentence under a field that says how to fill it.
func hint(text string) *widget.Label {
	l := widgets.Wrapped(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}
