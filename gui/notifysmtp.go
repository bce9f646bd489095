package gui

import (
	"context"
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

// The « Serveur de messagerie… » dialog (Notifications, server mode): the firm's
// SMTP server set from the app, and a test e-mail to the administrator's address.
// The password is typed, sent and forgotten: the server never returns it.

// defaultSMTPPort is the submission port (RFC 6409), where STARTTLS is usual.
const defaultSMTPPort = 587

// smtpDialog holds the SMTP server's fields, each with its error line.
type smtpDialog struct {
	run                *runner
	n                  service.Notifications
	to                 func() string // the administrator's address, for the test
	host, port         *widgets.Entry
	user, pass, from   *widgets.Entry
	tls                *widget.Check
	hostErr, portErr   *widget.Label
	tlsErr, userErr    *widget.Label
	passErr, fromErr   *widget.Label
	passSet            *widget.Label // a password is stored: typed again to change
	save, cancel, test *widgets.Button
	progress           *widget.ProgressBarInfinite
	status, testResult *widget.Label
	loaded             service.SMTPSettings
	dlg                *widgets.Dialog
	onSaved            func(service.SMTPSettings)
}

// newSMTPDialog builds the dialog over w; to gives the address the test e-mail goes
// to, onSaved what the server stored.
func newSMTPDialog(w fyne.Window, r *runner, n service.Notifications, to func() string, onSaved func(service.SMTPSettings)) *smtpDialog {
	d := &smtpDialog{run: r, n: n, to: to, onSaved: onSaved,
		host: widgets.NewEntry(), port: widgets.NewEntry(), user: widgets.NewEntry(), pass: widgets.NewEntry(), from: widgets.NewEntry(),
		hostErr: widgets.FieldError(), portErr: widgets.FieldError(), tlsErr: widgets.FieldError(), userErr: widgets.FieldError(),
		passErr: widgets.FieldError(), fromErr: widgets.FieldError(),
		passSet: widgets.Wrapped(lang.L("ui.smtp_mot_de_passe_enregistre")), progress: widget.NewProgressBarInfinite(),
		status: widgets.Wrapped(""), testResult: widgets.Wrapped("")}
	d.host.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "smtp.cabinet.fr"}))
	d.port.SetText(strconv.Itoa(defaultSMTPPort))
	d.tls = widget.NewCheck(lang.L("ui.smtp_starttls"), nil)
	d.tls.SetChecked(true)
	d.pass.Password = true
	d.from.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "sesame@cabinet.fr"}))
	d.passSet.Hide()
	d.progress.Hide()
	d.progress.Stop()
	d.status.Hide()
	d.testResult.Hide()

	d.save = widgets.NewButton(lang.L("ui.enregistrer"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	d.cancel = widgets.NewButton(lang.L("ui.annuler"), nil, d.close)
	d.test = widgets.NewButton(lang.L("ui.smtp_essai"), theme.MailSendIcon(), d.onTest)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.smtp_hote"), container.NewVBox(d.host, d.hostErr)),
		widget.NewFormItem(lang.L("ui.smtp_port"), container.NewVBox(d.port, d.portErr)),
		widget.NewFormItem("", container.NewVBox(d.tls, d.tlsErr)),
		widget.NewFormItem(lang.L("ui.smtp_utilisateur"), container.NewVBox(d.user, d.userErr)),
		widget.NewFormItem(lang.L("ui.smtp_mot_de_passe"), container.NewVBox(d.pass, d.passSet, d.passErr)),
		widget.NewFormItem(lang.L("ui.smtp_expediteur"), container.NewVBox(d.from, d.fromErr)),
	)
	content := container.NewVBox(widgets.Wrapped(lang.L("ui.smtp_intro")), form, d.status,
		widget.NewSeparator(), widgets.Wrapped(lang.L("ui.smtp_essai_intro")), widgets.WrapRow(d.test), d.progress, d.testResult)
	d.dlg = widgets.NewDialog(w, lang.L("ui.smtp_titre"), content, []*widgets.Button{d.cancel, d.save}, d.onSave, d.close)
	d.dlg.Width = 560
	for _, e := range []*widgets.Entry{d.host, d.port, d.user, d.pass, d.from} {
		e.Escape = d.dlg.Escape
		e.OnSubmitted = func(string) { d.onSave() }
	}
	return d
}

// open shows the dialog and reads the stored settings into it.
func (d *smtpDialog) open() {
	d.dlg.Show()
	var c service.SMTPSettings
	d.run.run("smtp settings", d.busy, func(ctx context.Context) error {
		var err error
		c, err = d.n.SMTP(ctx)
		return err
	}, func(err error) {
		if service.ErrorCode(err) == service.ENOTFOUND {
			return // none yet: the defaults stay
		}
		if err != nil {
			d.run.fail("smtp settings", err)
			return
		}
		d.show(c)
		d.dlg.Show()
	})
}

// show puts stored settings in the fields; the password field stays empty.
func (d *smtpDialog) show(c service.SMTPSettings) {
	d.loaded = c
	d.host.SetText(c.Host)
	d.port.SetText(strconv.Itoa(c.Port))
	d.tls.SetChecked(c.StartTLS)
	d.user.SetText(c.User)
	d.pass.SetText("")
	d.from.SetText(c.From)
	if c.PasswordSet {
		d.passSet.Show()
	} else {
		d.passSet.Hide()
	}
}

// typed is the settings the fields hold; a port that is not a number is 0, which
// the server refuses beside the field.
func (d *smtpDialog) typed() service.SMTPSettings {
	port, err := strconv.Atoi(strings.TrimSpace(d.port.Text))
	if err != nil {
		port = 0
	}
	return service.SMTPSettings{Host: strings.TrimSpace(d.host.Text), Port: port, StartTLS: d.tls.Checked,
		User: strings.TrimSpace(d.user.Text), Password: d.pass.Text, From: strings.TrimSpace(d.from.Text)}
}

// busy disables the buttons while the server is asked.
func (d *smtpDialog) busy(on bool) {
	for _, b := range []*widgets.Button{d.save, d.test} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// onSave sends the settings; a refusal is said beside its field. A stored password
// must be typed again, as the server replaces it with what comes.
func (d *smtpDialog) onSave() {
	if d.save.Disabled() {
		return
	}
	c := d.typed()
	d.pass.SetText("")
	d.showError(nil)
	if c.User != "" && c.Password == "" {
		d.showError(service.FieldError("password", msgSMTPPasswordAgain))
		return
	}
	var got service.SMTPSettings
	d.run.run("smtp settings", d.busy, func(ctx context.Context) error {
		var err error
		got, err = d.n.SetSMTP(ctx, c)
		return err
	}, func(err error) {
		if d.showError(err) {
			return
		}
		if err != nil {
			d.run.fail("smtp settings", err)
			return
		}
		d.show(got)
		d.status.SetText(lang.L("ui.smtp_enregistre"))
		d.status.Importance = widget.SuccessImportance
		widgets.ShowFieldText(d.status, d.status.Text)
		if d.onSaved != nil {
			d.onSaved(got)
		}
		d.dlg.Show()
	})
}

// onTest sends a test e-mail through the stored settings to the administrator's
// address, and says what the SMTP server answered.
func (d *smtpDialog) onTest() {
	if d.test.Disabled() {
		return
	}
	to := d.to()
	if to == "" {
		d.showTest(lang.L("ui.smtp_essai_sans_adresse"), widget.DangerImportance)
		return
	}
	var reply string
	d.run.run("smtp test", func(on bool) {
		d.busy(on)
		if on {
			d.progress.Show()
			d.progress.Start()
			d.showTest(lang.L("ui.smtp_essai_en_cours", map[string]any{"To": to}), widget.MediumImportance)
		} else {
			d.progress.Stop()
			d.progress.Hide()
		}
	}, func(ctx context.Context) error {
		var err error
		reply, err = d.n.TestSMTP(ctx, to)
		return err
	}, func(err error) {
		if err != nil {
			logError("smtp test", err)
			d.showTest(message(err), widget.DangerImportance)
			return
		}
		d.showTest(lang.L("ui.smtp_essai_envoye", map[string]any{"To": to, "Reply": reply}), widget.SuccessImportance)
	})
}

// showTest says how the test e-mail went.
func (d *smtpDialog) showTest(text string, imp widget.Importance) {
	d.testResult.Importance = imp
	widgets.ShowFieldText(d.testResult, text)
	d.testResult.Refresh()
	d.dlg.Show()
}

// showError shows err's sentence beside its field, clears the others, and reports
// whether err belongs to one of them.
func (d *smtpDialog) showError(err error) bool {
	field := service.ErrorField(err)
	shown := false
	for name, l := range map[string]*widget.Label{"host": d.hostErr, "port": d.portErr, "starttls": d.tlsErr,
		"user": d.userErr, "password": d.passErr, "from": d.fromErr} {
		if err != nil && strings.EqualFold(field, name) {
			setFieldError(l, err)
			shown = true
		} else {
			setFieldError(l, nil)
		}
	}
	if shown {
		d.dlg.Show()
	}
	return shown
}

// close hides the dialog; the typed password goes with it.
func (d *smtpDialog) close() {
	d.pass.SetText("")
	d.dlg.Hide()
}

// msgSMTPPasswordAgain: a change with a user name needs the password typed again.
const msgSMTPPasswordAgain = "ui.smtp_mot_de_passe_a_retaper"

// onSMTP opens « Serveur de messagerie… » over the Notifications dialog.
func (d *notifyDialog) onSMTP() {
	d.smtp = newSMTPDialog(d.win, d.run, d.n, func() string { return d.saved }, d.showSMTP)
	d.smtp.open()
}

// showSMTP says in a line which SMTP server the firm uses, if any.
func (d *notifyDialog) showSMTP(c service.SMTPSettings) {
	if c.Host == "" {
		d.smtpLine.SetText(lang.L("ui.smtp_aucun"))
		return
	}
	d.smtpLine.SetText(lang.L("ui.smtp_resume", map[string]any{"Host": c.Host, "Port": c.Port, "From": c.From}))
}
