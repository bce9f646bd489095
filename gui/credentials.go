package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
)

// credentialsDialog is the one-time dialog: it shows a new key's identifier and secret, the only time they are
// ever shown, each with its "Copier" button. Closing it (button, window close,
// Escape) asks first whether the values were noted; once closed it forgets them.
type credentialsDialog struct {
	win                fyne.Window
	guard              *clipboardGuard
	dlg                *dialog.CustomDialog
	id, secret         *widget.Label
	copyID, copySecret *widget.Button
	closeBtn           *widget.Button
	confirm            *dialog.ConfirmDialog // the closing question, while shown
	prevKey            func(*fyne.KeyEvent)
	onClosed           func()
}

// showCredentialsDialog shows gk's credentials in a modal dialog over w, copied
// through guard; onClosed runs once it has closed.
func showCredentialsDialog(w fyne.Window, guard *clipboardGuard, gk service.GeneratedKey, onClosed func()) *credentialsDialog {
	g := &credentialsDialog{win: w, guard: guard, onClosed: onClosed,
		id: credentialLabel(gk.Credentials.Identifier), secret: credentialLabel(gk.Credentials.Secret)}
	g.copyID = widget.NewButtonWithIcon(lang.L("Copier"), theme.ContentCopyIcon(), func() { g.onCopy(g.copyID, g.id) })
	g.copySecret = widget.NewButtonWithIcon(lang.L("Copier"), theme.ContentCopyIcon(), func() { g.onCopy(g.copySecret, g.secret) })
	g.closeBtn = widget.NewButton(lang.L("Fermer"), g.onRequestClose)

	done := heading(lang.L("La clé d'API '{{.Name}}' a été générée avec succès", map[string]any{"Name": gk.Key.Name}))
	warn := wrapped(lang.L("Veuillez prendre note que les informations d'identification de la clé d'API générées ne pourront plus jamais être affichées."))
	warn.Importance = widget.WarningImportance
	warn.TextStyle.Bold = true
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Identifiant de la clé d'API"), container.NewBorder(nil, nil, nil, g.copyID, g.id)),
		widget.NewFormItem(lang.L("Secret de la clé d'API"), container.NewBorder(nil, nil, nil, g.copySecret, g.secret)),
	)
	hint := wrapped(lang.L("Le presse-papiers est effacé automatiquement après le délai choisi dans les paramètres."))
	hint.Importance = widget.LowImportance
	content := container.NewVBox(done, warn, form, hint)

	g.dlg = dialog.NewCustomWithoutButtons(lang.L("Nouvelle clé d'API"), content, w)
	g.dlg.SetButtons([]fyne.CanvasObject{g.closeBtn})
	g.dlg.Resize(fyne.NewSize(fyne.Max(720, content.MinSize().Width+40), 0).Max(g.dlg.MinSize()))

	w.Canvas().Unfocus() // keys typed now reach the handler below, not a field behind
	g.prevKey = w.Canvas().OnTypedKey()
	w.Canvas().SetOnTypedKey(g.onTypedKey)
	w.SetCloseIntercept(g.onRequestClose)
	g.dlg.Show()
	return g
}

// credentialLabel shows a credential read-only, in monospace, selectable, not greyed.
func credentialLabel(value string) *widget.Label {
	l := widget.NewLabelWithStyle(value, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	return l
}

// onCopy puts a credential on the app's clipboard, under the clipboard guard, and
// says so on the button.
func (g *credentialsDialog) onCopy(b *widget.Button, value *widget.Label) {
	g.guard.copy(value.Text)
	for _, other := range []*widget.Button{g.copyID, g.copySecret} {
		other.SetText(lang.L("Copier"))
		other.SetIcon(theme.ContentCopyIcon())
	}
	b.SetText(lang.L("Copié"))
	b.SetIcon(theme.ConfirmIcon())
}

// onTypedKey makes Escape close the dialog (after confirmation), or answer "no" to
// the confirmation if it is shown.
func (g *credentialsDialog) onTypedKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeyEscape {
		return
	}
	if g.confirm != nil {
		g.confirm.Hide()
		return
	}
	g.onRequestClose()
}

// onRequestClose asks whether the identifier and secret were noted; yes closes.
func (g *credentialsDialog) onRequestClose() {
	if g.confirm != nil {
		return
	}
	msg := wrapped(lang.L("Avez-vous bien noté l'identifiant et le secret ?") + "\n" +
		lang.L("Ils ne pourront plus jamais être affichés."))
	g.confirm = dialog.NewCustomConfirm(lang.L("Fermer"), lang.L("Oui, fermer"), lang.L("Non, revenir"), msg, func(ok bool) {
		g.confirm = nil
		if ok {
			g.close()
		}
	}, g.win)
	g.confirm.Resize(dialogSize(g.confirm.MinSize()))
	g.confirm.Show()
}

// close hides the dialog and drops every reference to the credentials.
func (g *credentialsDialog) close() {
	g.dlg.Hide()
	g.id.SetText("")
	g.secret.SetText("")
	g.win.Canvas().SetOnTypedKey(g.prevKey)
	g.win.SetCloseIntercept(nil)
	if g.onClosed != nil {
		g.onClosed()
	}
}
