package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/internal/localdate"
	"sesame/service"
)

// expiryField is the "Expiration" of a new key: Jamais, 30, 90, 180 or 365 jours, or
// a date typed as jj/mm/aaaa. Under the firm's maximum lifetime, "Jamais" and the
// longer choices are not offered, and a later date is refused by the Portal.
type expiryField struct {
	choice *widget.Select
	date   *widgets.Entry
	box    *fyne.Container
	policy service.KeyPolicy
}

func newExpiryField(p service.KeyPolicy) *expiryField {
	e := &expiryField{date: widgets.NewEntry(), policy: p}
	e.date.SetPlaceHolder(localdate.Current().Placeholder(lang.L("ui.jj_mm_aaaa")))
	e.date.Hide()
	e.choice = widget.NewSelect(nil, func(string) { e.showDate() })
	e.setPolicy(p)
	e.box = container.NewHBox(widget.NewLabel(lang.L("ui.expiration")), e.choice, container.NewGridWrap(fyne.NewSize(130, e.date.MinSize().Height), e.date))
	return e
}

// setPolicy offers the choices the firm's policy allows.
func (e *expiryField) setPolicy(p service.KeyPolicy) {
	e.policy = p
	var opts []string
	if p.MaxLifetimeDays == 0 {
		opts = append(opts, lang.L("ui.jamais_2"))
	}
	for _, d := range keytext.ExpiryDays(p.MaxLifetimeDays) {
		opts = append(opts, keytext.Days(d))
	}
	opts = append(opts, lang.L("ui.date"))
	was := e.choice.Selected
	e.choice.SetOptions(opts)
	e.choice.SetSelectedIndex(0)
	for _, o := range opts {
		if o == was { // still allowed: kept
			e.choice.SetSelected(o)
		}
	}
}

func (e *expiryField) showDate() {
	if e.choice.Selected == lang.L("ui.date") {
		e.date.Show()
	} else {
		e.date.Hide()
	}
}

// expiry is the expiry chosen; EINVALID (field "expiry") for a date that does not
// parse.
func (e *expiryField) expiry() (service.Expiry, error) {
	switch sel := e.choice.Selected; sel {
	case lang.L("ui.jamais_2"), "":
		return service.Expiry{}, nil
	case lang.L("ui.date"):
		day, err := service.ParseExpiryDate(e.date.Text, clock().Location())
		if err != nil {
			return service.Expiry{}, err
		}
		return service.Expiry{At: keytext.EndOfDay(day)}, nil // the key lives through the day chosen
	default:
		for _, d := range keytext.ExpiryDays(e.policy.MaxLifetimeDays) {
			if sel == keytext.Days(d) {
				return service.Expiry{Days: d}, nil
			}
		}
	}
	return service.Expiry{}, service.FieldError("expiry", service.MsgExpiryInvalid)
}
