package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// webhookSecret is the one-time dialog of a new webhook's signing secret, made like
// the key's (credentials.go): the secret in monospace, « Copier » through the
// clipboard guard with its delay sentence, and, until it is copied, a question
// before closing. Once closed it forgets the secret.
type webhookSecret struct {
	win      fyne.Window
	guard    *clipboardGuard
	value    *widget.Label
	copyBtn  *widgets.Button
	closeBtn *widgets.Button
	dlg      *widgets.Dialog
	copied   bool
	closeQuestion
}

// showWebhookSecret shows wh's signing secret over w, copied through guard.
func showWebhookSecret(w fyne.Window, guard *clipboardGuard, wh service.Webhook, secret string) *webhookSecret {
	s := &webhookSecret{win: w, guard: guard, value: credentialLabel(secret)}
	s.copyBtn = widgets.NewButton(lang.L("ui.copier"), theme.ContentCopyIcon(), s.onCopy)
	s.closeBtn = widgets.NewButton(lang.L("ui.fermer"), nil, s.onRequestClose)
	warn := widgets.Wrapped(lang.L("ui.webhook_secret_note"))
	warn.Importance = widget.WarningImportance
	warn.TextStyle.Bold = true
	hint := widgets.Muted(lang.L("ui.presse_papiers_efface_automatiquement_apres",
		map[string]any{"Delay": delayLabel(int(guard.delay().Seconds()))}))
	content := container.NewVBox(widgets.FieldTitle(lang.L("ui.webhook_ajoute", map[string]any{"ID": wh.ID})),
		widgets.Wrapped(wh.URL), warn,
		widgets.FieldTitle(lang.L("ui.webhook_secret")), widgets.ValueRow(s.value, s.copyBtn), hint)
	s.dlg = widgets.NewDialog(w, lang.L("ui.webhook_secret"), content, []*widgets.Button{s.closeBtn}, s.onRequestClose, s.onRequestClose)
	s.dlg.Width = 620
	s.copyBtn.Escape = s.onRequestClose
	setCloseIntercept(w, s.onWindowClose)
	s.dlg.Show()
	return s
}

// onCopy puts the secret on the clipboard, under the guard, and says so.
func (s *webhookSecret) onCopy() {
	s.guard.copy(s.value.Text)
	s.copied = true
	s.copyBtn.SetText(lang.L("ui.copie"))
	s.copyBtn.SetIcon(theme.ConfirmIcon())
}

// onRequestClose closes once the secret was copied; before, it asks first.
func (s *webhookSecret) onRequestClose() {
	if s.copied {
		s.close()
		if s.closeWindow {
			s.win.Close()
		}
		return
	}
	s.ask(s.win, widgets.Wrapped(lang.L("ui.webhook_secret_confirm")), s.close)
}

// close hides the dialog and drops the secret.
func (s *webhookSecret) close() {
	s.dlg.Hide()
	s.value.SetText("")
	setCloseIntercept(s.win, nil)
}

// onWindowClose is what the window's close button does while the dialog is open:
// the same question until the secret is copied, and yes closes the window too.
func (s *webhookSecret) onWindowClose() {
	s.closeWindow = true
	s.onRequestClose()
}
