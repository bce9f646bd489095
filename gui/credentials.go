package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// credentialsDialog is the one-time dialog: it shows a new key's identifier and
// secret, the only time they are ever shown, each with its "Copier" button, and says
// which tiers and service the key is for. It fits any window the app allows: the
// values wrap and the Copier buttons move under them when narrow. Closing it (button,
// window close, Escape) asks first whether the values were noted; once closed it
// forgets them.
type credentialsDialog struct {
	win                fyne.Window
	guard              *clipboardGuard
	dlg                *widgets.Dialog
	id, secret         *widget.Label
	copyID, copySecret *widgets.Button
	closeBtn           *widgets.Button
	handover           *widgets.Button // « Remettre… », when offered (handover.go)
	onClosed           func()
	closeQuestion
}

// showCredentialsDialog shows gk's credentials in a modal dialog over w, copied
// through guard; tiers and service are how the key's tiers and service read.
// onClosed runs once it has closed. offer says whether « Remettre… » is there: it
// hands the key over by a pickup link instead, which replaces the secret shown, so
// the dialog then closes without asking.
func showCredentialsDialog(w fyne.Window, guard *clipboardGuard, gk service.GeneratedKey, tiers, svc string, onClosed func(), offer handoverOffer) *credentialsDialog {
	g := &credentialsDialog{win: w, guard: guard, onClosed: onClosed,
		id: credentialLabel(gk.Credentials.Identifier), secret: credentialLabel(gk.Credentials.Secret)}
	g.copyID = widgets.NewButton(lang.L("ui.copier"), theme.ContentCopyIcon(), func() { g.onCopy(g.copyID, g.id) })
	g.copySecret = widgets.NewButton(lang.L("ui.copier"), theme.ContentCopyIcon(), func() { g.onCopy(g.copySecret, g.secret) })
	g.closeBtn = widgets.NewButton(lang.L("ui.fermer"), nil, g.onRequestClose)

	done := widgets.FieldTitle(lang.L("ui.cle_api_ete_generee_avec", map[string]any{"Name": gk.Key.Name}))
	if gk.Key.Version > 1 {
		done.SetText(lang.L("ui.secret_cle_api_ete_renouvele", map[string]any{"Name": gk.Key.Name}))
	}
	forWhom := widget.NewForm(
		widget.NewFormItem(lang.L("ui.tiers"), widgets.Wrapped(tiers)),
		widget.NewFormItem(lang.L("ui.service_2"), widgets.Wrapped(svc)),
		widget.NewFormItem(lang.L("ui.expire"), widgets.Wrapped(keytext.Expires(gk.Key))),
	)
	warn := widgets.Wrapped(lang.L("ui.veuillez_prendre_note_informations_identification"))
	warn.Importance = widget.WarningImportance
	warn.TextStyle.Bold = true
	hint := widgets.Muted(lang.L("ui.presse_papiers_efface_automatiquement_apres",
		map[string]any{"Delay": delayLabel(int(guard.delay().Seconds()))}))
	content := container.NewVBox(done, forWhom, warn,
		widgets.FieldTitle(lang.L("ui.identifiant_cle_api")), widgets.ValueRow(g.id, g.copyID),
		widgets.FieldTitle(lang.L("ui.secret_cle_api")), widgets.ValueRow(g.secret, g.copySecret),
		hint)
	buttons := []*widgets.Button{g.closeBtn}
	if offer.shown {
		g.handover = widgets.NewButton(lang.L("ui.remettre_2"), theme.MailSendIcon(), func() { offer.start(gk.Key, g.close) })
		buttons = []*widgets.Button{g.handover, g.closeBtn}
		if !offer.enabled {
			g.handover.Disable()
			content.Add(widgets.Muted(lang.L(string(service.MsgHandoverServerOnly))))
		}
	}

	title := lang.L("ui.nouvelle_cle_api")
	if gk.Key.Version > 1 {
		title = lang.L("ui.nouveau_secret")
	}
	g.dlg = widgets.NewDialog(w, title, content, buttons, g.onRequestClose, g.onEscape)
	g.dlg.Width = 680
	g.copyID.Escape, g.copySecret.Escape = g.onEscape, g.onEscape
	setCloseIntercept(w, g.onWindowClose)
	g.dlg.Show()
	return g
}

// credentialLabel shows a credential read-only, in monospace, not greyed, broken
// anywhere when the window is too narrow for it on one line. It is not selectable:
// its « Copier » is the way to the clipboard, under the clipboard guard (cleared
// after the delay, kept out of Windows' clipboard history), which a selection copied
// with Ctrl+C would go round; and a selectable label took the keyboard focus
// without showing it.
func credentialLabel(value string) *widget.Label {
	l := widget.NewLabelWithStyle(value, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// onCopy puts a credential on the app's clipboard, under the clipboard guard, and
// says so on the button.
func (g *credentialsDialog) onCopy(b *widgets.Button, value *widget.Label) {
	g.guard.copy(value.Text)
	for _, other := range []*widgets.Button{g.copyID, g.copySecret} {
		other.SetText(lang.L("ui.copier"))
		other.SetIcon(theme.ContentCopyIcon())
	}
	b.SetText(lang.L("ui.copie"))
	b.SetIcon(theme.ConfirmIcon())
}

// onEscape closes the dialog, after confirmation.
func (g *credentialsDialog) onEscape() { g.onRequestClose() }

// onRequestClose asks whether the identifier and secret were noted; yes closes.
func (g *credentialsDialog) onRequestClose() {
	g.ask(g.win, widgets.Wrapped(lang.L("ui.avez_bien_note_identifiant_secret")+"\n"+
		lang.L("ui.ils_pourront_plus_jamais_etre")), g.close)
}

// close hides the dialog and drops every reference to the credentials.
func (g *credentialsDialog) close() {
	g.dlg.Hide()
	g.id.SetText("")
	g.secret.SetText("")
	setCloseIntercept(g.win, nil)
	if g.onClosed != nil {
		g.onClosed()
	}
}

// onWindowClose is what the window's close button does while the dialog is open: the
// same question, and yes closes the window too.
func (g *credentialsDialog) onWindowClose() {
	g.closeWindow = true
	g.onRequestClose()
}
