package gui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// The « Notifications… » dialog (Paramètres, server mode): what the administrator
// receives by e-mail, and the firm's failed deliveries with « Réessayer ». In local
// mode it says that notifications need the firm's server.

// notifyKindLabels are the events as the dialog names them.
func notifyKindLabels() map[service.NotifyKind]string {
	return map[service.NotifyKind]string{
		service.NotifyKeyExpiring:      lang.L("ui.notif_expiring"),
		service.NotifyKeySuspended:     lang.L("ui.notif_suspended"),
		service.NotifyGraceEnded:       lang.L("ui.notif_grace_ended"),
		service.NotifyHandoverPickedUp: lang.L("ui.notif_picked_up"),
		service.NotifyPolicyChanged:    lang.L("ui.notif_policy"),
		service.NotifyJournalSealed:    lang.L("ui.notif_sealed"),
	}
}

// notifyDialog holds the dialog's fields and the failed deliveries' rows.
type notifyDialog struct {
	run    *runner
	n      service.Notifications // nil in local mode
	email  *widgets.Entry
	emErr  *widget.Label
	lang   *widget.RadioGroup
	kinds  map[service.NotifyKind]*widget.Check
	save   *widgets.Button
	status *widget.Label
	failed *fyne.Container // one row per failed delivery
	needs  *widget.Label   // local mode: notifications need the server
	hooks  *fyne.Container // the firm's webhooks
	dlg    *widgets.Dialog

	win      fyne.Window
	guard    *clipboardGuard // copies a new webhook's secret
	saved    string          // the address stored on the server: the test e-mail's
	smtpLine *widget.Label   // the firm's SMTP server in a line
	smtpBtn  *widgets.Button // « Serveur de messagerie… »
	addHook  *widgets.Button // « Ajouter un webhook… »
	smtp     *smtpDialog     // while open
	hook     *webhookDialog  // while open
	secret   *webhookSecret  // a new webhook's secret, while shown
	confirm  *widgets.Dialog // « Supprimer »'s question, while shown
}

// showNotifications opens the dialog over the app's window.
func (u *ui) showNotifications() {
	n, _ := u.backend.portal.(service.Notifications)
	if u.backend.session == nil {
		n = nil
	}
	d := newNotifyDialog(u.win, u.run, n, u.guard)
	u.notify = d
	d.dlg.Show()
	d.load()
}

// newNotifyDialog builds the dialog; n nil: local mode. A new webhook's secret is
// copied through guard.
func newNotifyDialog(w fyne.Window, r *runner, n service.Notifications, guard *clipboardGuard) *notifyDialog {
	d := &notifyDialog{run: r, n: n, win: w, guard: guard, status: widgets.Wrapped(""), failed: container.NewVBox(), hooks: container.NewVBox()}
	closeBtn := widgets.NewButton(lang.L("ui.fermer"), nil, func() { d.dlg.Hide() })
	if n == nil {
		d.needs = widgets.Wrapped(lang.L("ui.notif_needs_server"))
		d.dlg = widgets.NewDialog(w, lang.L("ui.notifications"), d.needs, []*widgets.Button{closeBtn}, func() { d.dlg.Hide() }, func() { d.dlg.Hide() })
		return d
	}
	d.email, d.emErr = widgets.NewEntry(), widgets.FieldError()
	d.email.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "prenom.nom@cabinet.fr"}))
	d.lang = widget.NewRadioGroup([]string{"Français", "English"}, nil)
	d.lang.Horizontal, d.lang.Required = true, true
	d.lang.SetSelected("Français")
	d.kinds = map[service.NotifyKind]*widget.Check{}
	labels := notifyKindLabels()
	checks := container.NewVBox()
	for _, k := range service.NotifyKinds {
		c := widget.NewCheck(labels[k], nil)
		d.kinds[k] = c
		checks.Add(c)
	}
	d.save = widgets.NewButton(lang.L("ui.enregistrer"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("ui.notif_email"), container.NewVBox(d.email, widgets.NewErrorLine(d.emErr))),
		widget.NewFormItem(lang.L("ui.notif_langue"), d.lang),
	)
	mine := widget.NewCard("", lang.L("ui.notif_mes_choix"), container.NewVBox(
		widgets.Wrapped(lang.L("ui.notif_intro")), form, checks, widgets.WrapRow(d.save), d.status))
	d.status.Hide()
	failed := widget.NewCard("", lang.L("ui.notif_echecs"), container.NewVBox(
		widgets.Wrapped(lang.L("ui.notif_echecs_intro")), d.failed))
	d.smtpLine = widgets.Wrapped(lang.L("ui.smtp_aucun"))
	d.smtpBtn = widgets.NewButton(lang.L("ui.smtp_bouton"), theme.MailComposeIcon(), d.onSMTP)
	mail := widget.NewCard("", lang.L("ui.smtp_titre"), container.NewVBox(d.smtpLine, widgets.WrapRow(d.smtpBtn)))
	d.addHook = widgets.NewButton(lang.L("ui.webhook_ajouter"), theme.ContentAddIcon(), d.onAddWebhook)
	hooks := widget.NewCard("", lang.L("ui.notif_webhooks"), container.NewVBox(
		widgets.Wrapped(lang.L("ui.notif_webhooks_intro")), d.hooks, widgets.WrapRow(d.addHook)))
	d.dlg = widgets.NewDialog(w, lang.L("ui.notifications"), container.NewVBox(mine, mail, failed, hooks),
		[]*widgets.Button{closeBtn}, d.onSave, func() { d.dlg.Hide() })
	d.dlg.Width = 620
	d.email.Escape, d.save.Escape, d.smtpBtn.Escape, d.addHook.Escape = d.dlg.Escape, d.dlg.Escape, d.dlg.Escape, d.dlg.Escape
	return d
}

// busy disables the button while the server is asked.
func (d *notifyDialog) busy(on bool) {
	if on {
		d.save.Disable()
	} else {
		d.save.Enable()
	}
}

// load reads the administrator's choices and the failed deliveries.
func (d *notifyDialog) load() {
	if d.n == nil {
		return
	}
	var c service.NotifyChoice
	var failed []service.Delivery
	var hooks []service.Webhook
	var smtp service.SMTPSettings
	d.run.run("notifications", d.busy, func(ctx context.Context) error {
		var err error
		if c, err = d.n.NotifyChoice(ctx); err != nil {
			return err
		}
		if smtp, err = d.n.SMTP(ctx); service.ErrorCode(err) == service.ENOTFOUND {
			smtp, err = service.SMTPSettings{}, nil
		}
		if err != nil {
			return err
		}
		if hooks, err = d.n.Webhooks(ctx); err != nil {
			return err
		}
		failed, err = d.n.Deliveries(ctx, true)
		return err
	}, func(err error) {
		if err != nil {
			d.run.fail("notifications", err)
			return
		}
		d.show(c)
		d.showSMTP(smtp)
		d.showFailed(failed)
		d.showHooks(hooks)
		d.dlg.Refit() // to what came
	})
}

// show puts a choice in the fields.
func (d *notifyDialog) show(c service.NotifyChoice) {
	d.saved = c.Email
	d.email.SetText(c.Email)
	if c.Language == "en" {
		d.lang.SetSelected("English")
	} else {
		d.lang.SetSelected("Français")
	}
	for k, box := range d.kinds {
		box.SetChecked(slices.Contains(c.Kinds, k))
	}
}

// chosen is the choice the fields show.
func (d *notifyDialog) chosen() service.NotifyChoice {
	c := service.NotifyChoice{Email: d.email.Text, Language: "fr"}
	if d.lang.Selected == "English" {
		c.Language = "en"
	}
	for _, k := range service.NotifyKinds {
		if d.kinds[k].Checked {
			c.Kinds = append(c.Kinds, k)
		}
	}
	return c
}

// onSave stores the choice; a wrong address is said under its field.
func (d *notifyDialog) onSave() {
	if d.n == nil {
		return
	}
	c := d.chosen()
	setFieldError(d.emErr, nil)
	var got service.NotifyChoice
	d.run.run("notification choice", d.busy, func(ctx context.Context) error {
		var err error
		got, err = d.n.SetNotifyChoice(ctx, c)
		return err
	}, func(err error) {
		if service.ErrorCode(err) == service.EINVALID {
			setFieldError(d.emErr, err)
			return
		}
		if err != nil {
			d.run.fail("notification choice", err)
			return
		}
		d.show(got)
		d.status.Show()
		d.status.SetText(lang.L("ui.notif_enregistre"))
		d.status.Importance = widget.SuccessImportance
		d.status.Refresh()
		d.dlg.Refit()
	})
}

// showFailed lists the failed deliveries, each with « Réessayer ».
func (d *notifyDialog) showFailed(ds []service.Delivery) {
	d.failed.RemoveAll()
	if len(ds) == 0 {
		d.failed.Add(widget.NewLabel(lang.L("ui.notif_aucun_echec")))
		return
	}
	labels := notifyKindLabels()
	for _, del := range ds {
		text := lang.N("ui.notif_echec_ligne", del.Attempts, map[string]any{
			"Event": labels[del.Kind], "Target": del.Target, "Attempts": del.Attempts,
			"Date": del.LastAt.Local().Format("02/01/2006 15:04"), "Result": del.LastResult})
		retry := widgets.NewButton(lang.L("ui.reessayer"), theme.ViewRefreshIcon(), nil)
		retry.OnTapped = func() { d.onRetry(del.ID, retry) }
		d.failed.Add(container.NewBorder(nil, nil, nil, retry, widgets.Wrapped(text)))
	}
	d.failed.Refresh()
}

// onRetry makes one delivery pending again and reads the list again.
func (d *notifyDialog) onRetry(id int64, b *widgets.Button) {
	var failed []service.Delivery
	d.run.run("notification retry", func(on bool) {
		if on {
			b.Disable()
		}
	}, func(ctx context.Context) error {
		if err := d.n.RetryDelivery(ctx, id); err != nil {
			return err
		}
		var err error
		failed, err = d.n.Deliveries(ctx, true)
		return err
	}, func(err error) {
		if err != nil {
			b.Enable()
			d.run.fail("notification retry", err)
			return
		}
		d.showFailed(failed)
		d.status.Show()
		d.status.SetText(lang.L("ui.notif_reessaye"))
		d.status.Importance = widget.SuccessImportance
		d.status.Refresh()
		d.dlg.Refit()
	})
}

// showHooks lists the firm's webhooks: their address and how many events they get.
func (d *notifyDialog) showHooks(ws []service.Webhook) {
	d.hooks.RemoveAll()
	if len(ws) == 0 {
		d.hooks.Add(widget.NewLabel(lang.L("ui.notif_aucun_webhook")))
		return
	}
	for _, w := range ws {
		remove := widgets.NewButton(lang.L("ui.supprimer"), theme.DeleteIcon(), func() { d.onRemoveWebhook(w) })
		remove.Escape = d.dlg.Escape
		d.hooks.Add(container.NewBorder(nil, nil, nil, remove, widgets.Wrapped(lang.N("ui.notif_webhook_ligne", len(w.Kinds), map[string]any{
			"URL": w.URL, "ID": w.ID, "Count": len(w.Kinds)}))))
	}
	d.hooks.Refresh()
}
