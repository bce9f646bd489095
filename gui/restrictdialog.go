package gui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// restrictDialog changes a key's restrictions (« Restrictions… » in its details):
// the fields filled with the key's, Enregistrer and Annuler. Enter saves, Escape
// closes; a refusal shows under its field, and a change made meanwhile by another
// administrator above the buttons, the dialog staying open.
type restrictDialog struct {
	dlg    *widgets.Dialog
	fields *restrictFields
	errMsg *widget.Label // what is not about one field (a change made meanwhile)
	save   *widgets.Button
	key    service.Key
}

// onRestrict opens the dialog that changes k's restrictions.
func (s *keysScreen) onRestrict(k service.Key) {
	d := &restrictDialog{key: k, fields: newRestrictFields(k.Restrictions.Input()), errMsg: widgets.FieldError()}
	cancel := widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), func() { d.dlg.Hide() })
	d.save = widgets.NewButton(lang.L("ui.enregistrer"), theme.DocumentSaveIcon(), func() { s.saveRestrictions(d) })
	d.save.Importance = widget.HighImportance
	d.fields.onKeys(func() { s.saveRestrictions(d) }, func() { d.dlg.Hide() })
	intro := widgets.Wrapped(lang.L("ui.restrictions_intro", map[string]any{"Name": k.Name}))
	d.dlg = widgets.NewDialog(s.win, lang.L("ui.restrictions_cle_api"), container.NewVBox(intro, d.fields.form, widgets.NewErrorLines(d.errMsg, 2)),
		[]*widgets.Button{cancel, d.save}, func() { s.saveRestrictions(d) }, func() { d.dlg.Hide() })
	d.dlg.Width = 600
	s.restricting = d
	d.dlg.Show()
	s.win.Canvas().Focus(d.fields.addresses)
}

// saveRestrictions checks what was typed, then replaces the key's restrictions from
// the version the dialog was opened with; the table shows the key as it now is.
func (s *keysScreen) saveRestrictions(d *restrictDialog) {
	if d.save.Disabled() {
		return
	}
	in, err := d.fields.input()
	if err != nil {
		d.dlg.Show() // grown by the sentence: fitted again
		return
	}
	setFieldError(d.errMsg, nil)
	req := service.RestrictRequest{KeyID: d.key.ID, FromVersion: d.key.RestrictionsVersion, Restrictions: in}
	var k service.Key
	s.run.run("restrict key", func(on bool) { s.busy(on); d.busy(on) }, func(ctx context.Context) error {
		var err error
		k, err = s.backend.portal.Restrict(ctx, req)
		return err
	}, func(err error) {
		switch {
		case err != nil && d.fields.showError(err):
			logError("restrict key", err)
			d.dlg.Show()
			return
		case service.ErrorCode(err) == service.ECONFLICT:
			logError("restrict key", err)
			setFieldError(d.errMsg, err)
			d.dlg.Show()
			return
		}
		d.dlg.Hide()
		if err != nil {
			s.run.fail("restrict key", err)
			return
		}
		s.table.replace(k)
	})
}

// busy disables Enregistrer while the Portal works.
func (d *restrictDialog) busy(on bool) {
	if on {
		d.save.Disable()
	} else {
		d.save.Enable()
	}
}
