package gui

import (
	"errors"
	"log/slog"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// message is the sentence to show for err, in the user's language.
func message(err error) string { return service.ErrorText(err, msg.Language()) }

// logError records a failed operation; expected refusals (bad input, conflicts, not
// or no longer signed in) at a lower level than faults. Errors carry no secret: the
// Portal guarantees it.
func logError(op string, err error) {
	switch service.ErrorCode(err) {
	case service.EINVALID, service.ECONFLICT, service.ENOTFOUND, service.EUNAUTHORIZED:
		slog.Info(op+" refused", "code", service.ErrorCode(err), "err", err)
	default:
		slog.Error(op+" failed", "code", service.ErrorCode(err), "err", err)
	}
}

// showError logs err and shows its sentence in a dialog; the app stays usable. When
// the server's session has ended, the dialog offers to sign in again; the screen the
// user was on comes back afterwards, with what they had typed.
func (u *ui) showError(op string, err error) {
	logError(op, err)
	if service.ErrorCode(err) == service.EUNAUTHORIZED && u.backend.session != nil {
		u.offerSignIn(err)
		return
	}
	var ce *service.CertificateError
	if errors.As(err, &ce) && ce.Problem == service.CertChanged {
		u.showCertificateChanged(err, ce)
		return
	}
	u.showMessage(lang.L("ui.erreur"), message(err))
}

// showCertificateChanged says, when the server's certificate changes while the app
// is open, what the sign-in screen says at start: the warning and both fingerprints,
// the approved one and the one presented, to compare with the server's.
func (u *ui) showCertificateChanged(err error, ce *service.CertificateError) {
	content := container.NewVBox(widgets.Wrapped(message(err)),
		widgets.FieldTitle(lang.L("ui.empreinte_sha_256_approuvee")), fingerprintLabel(ce.Pinned),
		widgets.FieldTitle(lang.L("ui.empreinte_sha_256_presentee")), fingerprintLabel(ce.Fingerprint))
	var d *widgets.Dialog
	ok := widgets.NewButton(lang.L("ui.ok"), nil, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = widgets.NewDialog(u.win, lang.L("ui.erreur"), content, []*widgets.Button{ok}, func() { d.Hide() }, func() { d.Hide() })
	d.Show()
}

// showMessage shows a sentence in a dialog with an OK button.
func (u *ui) showMessage(title, text string) {
	widgets.NewMessageDialog(u.win, title, text, lang.L("ui.ok")).Show()
}

// offerSignIn says the session has ended and offers to sign in again (Enter), or
// later (Escape).
func (u *ui) offerSignIn(err error) {
	var d *widgets.Dialog
	laterAction := func() { d.Hide() }
	againAction := func() { d.Hide(); u.signInAgain(err) }
	later := widgets.NewButton(lang.L("ui.plus_tard"), nil, laterAction)
	again := widgets.NewButton(lang.L("ui.reconnecter"), nil, againAction)
	again.Importance = widget.HighImportance
	d = widgets.NewDialog(u.win, lang.L("ui.session_terminee"), widgets.Wrapped(message(err)), []*widgets.Button{later, again}, againAction, laterAction)
	d.Show()
}

// showFatal is the answer to a Portal that cannot open: the reason in a dialog, with
// "Réessayer" when waiting may help (another instance holds the file), "Paramètres"
// (to work on the other backend, or fix the server's address) and "Quitter".
func (u *ui) showFatal(err error) {
	logError("open", err)
	u.show(lang.L("ui.sesame"), container.NewCenter(widget.NewIcon(theme.ErrorIcon())))
	var d *widgets.Dialog
	quitAction := func() { d.Hide(); u.quit() }
	settingsAction := func() { d.Hide(); u.showSettings(d.Show) }
	quit := widgets.NewButton(lang.L("ui.quitter"), nil, quitAction)
	settings := widgets.NewButton(lang.L("ui.parametres"), nil, settingsAction)
	buttons := []*widgets.Button{quit, settings}
	enter := settingsAction
	switch service.ErrorCode(err) {
	case service.ELOCKED, service.EUNAVAILABLE, service.EINTERNAL:
		retryAction := func() { d.Hide(); u.start() }
		retry := widgets.NewButton(lang.L("ui.reessayer"), nil, retryAction)
		retry.Importance = widget.HighImportance
		buttons = append(buttons, retry)
		enter = retryAction
	}
	// Escape does not quit: nothing to cancel here, the dialog is the app's answer.
	d = widgets.NewDialog(u.win, lang.L("ui.sesame_peut_ouvrir_donnees"), widgets.Wrapped(message(err)), buttons, enter, nil)
	d.Show()
}

// setFieldError shows err's sentence under its field, or hides the line for nil.
func setFieldError(l *widget.Label, err error) {
	text := ""
	if err != nil {
		text = message(err)
	}
	widgets.ShowFieldText(l, text)
}
