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

// smtpDialog holds the SMTP server's fields and their three error lines: the
// server's (host, port, STARTTLS), the account's (user, password) and the sender's.
// Each line is kept whether it shows a sentence or not, so that nothing moves when
// one appears; the account's line says, when no error does, that a password is
// stored.
type smtpDialog struct {
	run                *runner
	n                  service.Notifications
	to                 func() string // the administrator's address, for the test
	host, port         *widgets.Entry
	user, pass, from   *widgets.Entry
	tls                *widget.Check
	serverErr          *widget.Label // host, port, STARTTLS
	accountErr         *widget.Label // user, password; else « mot de passe enregistré »
	fromErr            *widget.Label
	save, cancel, test *widgets.Button
	progress           *widget.ProgressBarInfinite
	status, testResult *widget.Label
	loaded             service.SMTPSettings
	dlg                *widgets.Dialog
	onSaved            func(service.SMTPSettings)
}

// smtpPortWidth is the port field's width: five digits and the field's padding.
const smtpPortWidth = 88

// newSMTPDialog builds the dialog over w; to gives the address the test e-mail goes
// to, onSaved what the server stored.
func newSMTPDialog(w fyne.Window, r *runner, n service.Notifications, to func() string, onSaved func(service.SMTPSettings)) *smtpDialog {
	d := &smtpDialog{run: r, n: n, to: to, onSaved: onSaved,
		host: widgets.NewEntry(), port: widgets.NewEntry(), user: widgets.NewEntry(), pass: widgets.NewEntry(), from: widgets.NewEntry(),
		serverErr: widgets.FieldError(), accountErr: widgets.FieldError(), fromErr: widgets.FieldError(),
		progress: widget.NewProgressBarInfinite(), status: widgets.Wrapped(""), testResult: widgets.Wrapped("")}
	d.host.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "smtp.cabinet.fr"}))
	d.port.SetText(strconv.Itoa(defaultSMTPPort))
	d.tls = widget.NewCheck(lang.L("ui.smtp_starttls"), nil)
	d.tls.SetChecked(true)
	d.pass.Password = true
	d.from.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "sesame@cabinet.fr"}))
	d.progress.Hide()
	d.progress.Stop()
	d.status.Hide()
	d.testResult.Hide()

	d.save = widgets.NewButton(lang.L("ui.enregistrer"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	d.cancel = widgets.NewButton(lang.L("ui.annuler"), nil, d.close)
	d.test = widgets.NewButton(lang.L("ui.smtp_essai"), theme.MailSendIcon(), d.onTest)
	// The port beside the host: one row, and one line for the server's errors.
	portLabel := widget.NewLabelWithStyle(lang.L("ui.smtp_port"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}) // as the form's
	port := container.NewHBox(portLabel, container.NewStack(widgets.HSpace(smtpPortWidth), d.port))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.smtp_hote"), container.NewVBox(container.NewBorder(nil, nil, nil, port, d.host),
			widgets.NewErrorLines(d.serverErr, 2))),
		widget.NewFormItem("", d.tls),
		widget.NewFormItem(lang.L("ui.smtp_utilisateur"), d.user),
		widget.NewFormItem(lang.L("ui.smtp_mot_de_passe"), container.NewVBox(d.pass, widgets.NewErrorLines(d.accountErr, 2))),
		widget.NewFormItem(lang.L("ui.smtp_expediteur"), container.NewVBox(d.from, widgets.NewErrorLines(d.fromErr, 2))),
	)
	content := container.NewVBox(widgets.Wrapped(lang.L("ui.smtp_intro")), form, d.status,
		widget.NewSeparator(), widgets.Wrapped(lang.L("ui.smtp_essai_intro")), widgets.WrapRow(d.test), d.progress, d.testResult)
	d.dlg = widgets.NewDialog(w, lang.L("ui.smtp_titre"), content, []*widgets.Button{d.cancel, d.save}, d.onSave, d.close)
	d.dlg.Width = 640
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
		d.dlg.Refit()
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
	d.showAccount(nil)
}

// showAccount says err under the password, or else whether a password is stored
// (typed again to change it).
func (d *smtpDialog) showAccount(err error) {
	switch {
	case err != nil:
		d.accountErr.Importance = widget.DangerImportance
		setFieldError(d.accountErr, err)
	case d.loaded.PasswordSet:
		d.accountErr.Importance = widget.MediumImportance
		widgets.ShowFieldText(d.accountErr, lang.L("ui.smtp_mot_de_passe_enregistre"))
	default:
		setFieldError(d.accountErr, nil)
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
		d.dlg.Refit()
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
	d.dlg.Refit()
}

// showError shows err's sentence in the line of its field, clears the others, and
// reports whether err belongs to one of them.
func (d *smtpDialog) showError(err error) bool {
	setFieldError(d.serverErr, nil)
	setFieldError(d.fromErr, nil)
	d.showAccount(nil)
	if err == nil {
		return false
	}
	switch strings.ToLower(service.ErrorField(err)) {
	case "host", "port", "starttls":
		setFieldError(d.serverErr, err)
	case "user", "password":
		d.showAccount(err)
	case "from":
		setFieldError(d.fromErr, err)
	default:
		return false
	}
	d.dlg.Refit()
	return true
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
