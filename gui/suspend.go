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

// suspendDialog asks why a key is suspended, or resumed, then does it: the reason
// is required, as it goes to the journal. Enter confirms (a suspension can be
// undone), Escape closes.
type suspendDialog struct {
	dlg       *widgets.Dialog
	reason    *widgets.Entry
	reasonErr *widget.Label
	ok        *widgets.Button
	key       service.Key
	resume    bool
}

// onSuspend asks why k is suspended, then suspends it.
func (s *keysScreen) onSuspend(k service.Key) { s.askReason(k, false) }

// onResume asks why k is resumed, then resumes it.
func (s *keysScreen) onResume(k service.Key) { s.askReason(k, true) }

// askReason opens the dialog that suspends (or resumes) k.
func (s *keysScreen) askReason(k service.Key, resume bool) {
	d := &suspendDialog{key: k, resume: resume, reason: widgets.NewEntry(), reasonErr: widgets.FieldError()}
	title, intro, ok, icon := lang.L("ui.suspendre_cle_api"), lang.L("ui.cle_sera_refusee_partout_jusqu_reactivation", map[string]any{"Name": k.Name}),
		lang.L("ui.suspendre"), theme.MediaPauseIcon()
	d.reason.SetPlaceHolder(lang.L("ui.ex_raison_suspension"))
	if resume {
		title, intro, ok, icon = lang.L("ui.reactiver_cle_api"), lang.L("ui.cle_sera_acceptee_nouveau", map[string]any{"Name": k.Name}),
			lang.L("ui.reactiver"), theme.MediaPlayIcon()
		d.reason.SetPlaceHolder(lang.L("ui.ex_raison_reactivation"))
	}
	cancel := widgets.NewButton(lang.L("ui.annuler"), theme.CancelIcon(), func() { s.closeReason(d) })
	d.ok = widgets.NewButton(ok, icon, func() { s.submitReason(d) })
	d.ok.Importance = widget.WarningImportance
	if resume {
		d.ok.Importance = widget.HighImportance
	}
	d.reason.OnSubmitted = func(string) { s.submitReason(d) }
	d.reason.Escape = func() { s.closeReason(d) }
	content := container.NewVBox(widgets.Wrapped(intro),
		widget.NewForm(widget.NewFormItem(lang.L("ui.raison"), container.NewVBox(d.reason, widgets.NewErrorLines(d.reasonErr, 2)))))
	d.dlg = widgets.NewDialog(s.win, title, content, []*widgets.Button{cancel, d.ok},
		func() { s.submitReason(d) }, func() { s.closeReason(d) })
	d.dlg.Width = 560
	s.suspending = d
	d.dlg.Show()
	s.win.Canvas().Focus(d.reason)
}

// closeReason closes the dialog without acting.
func (s *keysScreen) closeReason(d *suspendDialog) {
	d.dlg.Hide()
	if s.suspending == d {
		s.suspending = nil
	}
}

// submitReason checks the reason, then suspends or resumes the key; the table shows
// its new status. A refused reason is said under its field.
func (s *keysScreen) submitReason(d *suspendDialog) {
	if d.ok.Disabled() {
		return
	}
	reason, err := service.NormalizeReason(d.reason.Text)
	if err != nil {
		setFieldError(d.reasonErr, err)
		d.dlg.Show() // grown by the sentence: fitted again
		return
	}
	setFieldError(d.reasonErr, nil)
	req := service.SuspendRequest{KeyID: d.key.ID, Reason: reason}
	op, do := "suspend key", s.backend.portal.Suspend
	if d.resume {
		op, do = "resume key", s.backend.portal.Resume
	}
	var k service.Key
	s.run.run(op, func(on bool) { s.busy(on); d.busy(on) }, func(ctx context.Context) error {
		var err error
		k, err = do(ctx, req)
		return err
	}, func(err error) {
		if err != nil && service.ErrorField(err) == "reason" {
			logError(op, err)
			setFieldError(d.reasonErr, err)
			return
		}
		s.closeReason(d)
		if err != nil {
			s.run.fail(op, err)
			s.table.load(true)
			return
		}
		s.table.replace(k)
		s.loadBanner(true) // a suspended key is left out of the expiry warnings
	})
}

// busy disables the dialog's confirmation while the Portal works.
func (d *suspendDialog) busy(on bool) {
	if on {
		d.ok.Disable()
	} else {
		d.ok.Enable()
	}
}
