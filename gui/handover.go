package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// handoverOffer is whether a dialog offers « Remettre… »: shown on a server, shown
// disabled (with why) in local mode, where no server can hold a link.
type handoverOffer struct {
	shown   bool
	enabled bool
	start   func(k service.Key, done func()) // asks for the validity, then makes the link; done runs once it is made
}

// handoverOffer is the page's offer: enabled in server mode.
func (s *keysScreen) handoverOffer() handoverOffer {
	return handoverOffer{shown: true, enabled: s.backend.session != nil, start: s.onHandover}
}

// handoverDialog asks for a pickup link's validity, then shows the link (with its
// Copier) and, apart, the code, with how to give each.
type handoverDialog struct {
	dlg      *widgets.Dialog
	validity *widget.RadioGroup
	create   *widgets.Button
	errLine  *widget.Label
	key      service.Key
	done     func()

	// once made
	link     *widgets.Dialog
	url      *widget.Label
	code     *widget.Label
	copyLink *widgets.Button
}

// validityChoices are the validities offered, as the dialog names them.
func validityChoices() []string {
	return []string{lang.L("ui.24_heures"), lang.L("ui.72_heures"), lang.L("ui.7_jours")}
}

// onHandover asks how long k's pickup link lives, then makes it; done (may be nil)
// runs once the link is made.
func (s *keysScreen) onHandover(k service.Key, done func()) {
	d := &handoverDialog{key: k, done: done, errLine: widgets.FieldError()}
	d.validity = widget.NewRadioGroup(validityChoices(), nil)
	d.validity.Horizontal = true
	d.validity.Required = true
	d.validity.SetSelected(validityChoices()[1])
	cancel := widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), func() { d.dlg.Hide() })
	d.create = widgets.NewButton(lang.L("ui.creer_lien"), theme.MailSendIcon(), func() { s.submitHandover(d) })
	d.create.Importance = widget.HighImportance
	content := container.NewVBox(
		widgets.Wrapped(lang.L("ui.remise_intro", map[string]any{"Name": k.Name})),
		widget.NewForm(widget.NewFormItem(lang.L("ui.validite_lien"), d.validity)),
		widgets.NewErrorLines(d.errLine, 2))
	d.dlg = widgets.NewDialog(s.win, lang.L("ui.remise_securisee"), content, []*widgets.Button{cancel, d.create},
		func() { s.submitHandover(d) }, func() { d.dlg.Hide() })
	d.dlg.Width = 600
	s.handingOver = d
	d.dlg.Show()
}

// chosenValidity is the validity selected.
func (d *handoverDialog) chosenValidity() time.Duration {
	for i, c := range validityChoices() {
		if d.validity.Selected == c {
			return service.HandoverValidities[i]
		}
	}
	return service.HandoverDefault
}

// submitHandover makes the link and shows it; the key's row shows it pending.
func (s *keysScreen) submitHandover(d *handoverDialog) {
	if d.create.Disabled() {
		return
	}
	req := service.HandoverRequest{KeyID: d.key.ID, Validity: d.chosenValidity()}
	var l service.HandoverLink
	s.run.run("hand key over", func(on bool) { s.busy(on); d.busy(on) }, func(ctx context.Context) error {
		var err error
		l, err = s.backend.portal.Handover(ctx, req)
		return err
	}, func(err error) {
		if err != nil {
			logError("hand key over", err)
			setFieldError(d.errLine, err)
			d.dlg.Show() // grown by the sentence: fitted again
			return
		}
		d.dlg.Hide()
		if d.done != nil {
			d.done()
		}
		s.table.replace(l.Key)
		s.showLink(d, l)
	})
}

// showLink shows the link made, with its Copier, and the code apart, once.
func (s *keysScreen) showLink(d *handoverDialog, l service.HandoverLink) {
	d.url = credentialLabel(l.URL)
	d.code = widget.NewLabelWithStyle(service.FormatHandoverCode(l.Code), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	d.code.SizeName = theme.SizeNameHeadingText
	d.copyLink = widgets.NewButton(lang.L("ui.copier"), theme.ContentCopyIcon(), func() {
		s.guard.copy(l.URL)
		d.copyLink.SetText(lang.L("ui.copie"))
		d.copyLink.SetIcon(theme.ConfirmIcon())
	})
	how := widgets.Wrapped(lang.L("ui.remise_consigne", map[string]any{"Date": l.Until.Local().Format(keytext.DateLayout())}))
	how.Importance = widget.WarningImportance
	how.TextStyle.Bold = true
	content := container.NewVBox(
		widgets.FieldTitle(lang.L("ui.remise_cle_prete", map[string]any{"Name": l.Key.Name})),
		how,
		widgets.FieldTitle(lang.L("ui.lien_retrait")), widgets.ValueRow(d.url, d.copyLink),
		widgets.FieldTitle(lang.L("ui.code_retrait")), d.code,
		widgets.Muted(lang.L("ui.remise_code_une_fois")))
	closeBtn := widgets.NewButton(lang.L("ui.fermer"), nil, nil)
	closeBtn.Importance = widget.HighImportance
	hide := func() {
		d.link.Hide()
		d.url.SetText("")
		d.code.SetText("")
		if s.handingOver == d {
			s.handingOver = nil
		}
	}
	closeBtn.OnTapped = hide
	d.link = widgets.NewDialog(s.win, lang.L("ui.remise_securisee"), content, []*widgets.Button{closeBtn}, hide, hide)
	d.link.Width = 640
	d.copyLink.Escape = hide
	d.link.Show()
}

// busy disables the dialog's confirmation while the Portal works.
func (d *handoverDialog) busy(on bool) {
	if on {
		d.create.Disable()
	} else {
		d.create.Enable()
	}
}

// handoverLine is what the details say of a key's pickup: waiting until when (or
// since when the link is dead), or picked up when and from where; "" if the key was
// never handed over.
func handoverLine(k service.Key) string {
	h := k.Handover
	switch {
	case h == nil:
		return ""
	case h.Pending && clock().Before(h.Until):
		return lang.L("ui.remise_attente_jusqu", map[string]any{"Date": h.Until.Local().Format(keytext.DateLayout())})
	case h.Pending:
		return lang.L("ui.remise_lien_expire", map[string]any{"Date": h.Until.Local().Format(keytext.DateLayout())})
	}
	return lang.L("ui.remise_retiree", map[string]any{"Date": h.PickedUpAt.Local().Format(keytext.DateLayout()), "Address": h.PickedUpFrom})
}

// suspender is who suspended a key: the administrator, or the secure handover when a
// failed pickup did.
func suspender(sp *service.Suspension) string {
	if sp.By == "" {
		return lang.L("ui.remise_securisee")
	}
	return sp.By
}
