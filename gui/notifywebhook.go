package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
)

// « Ajouter un webhook… » and « Supprimer » in the Notifications dialog (server
// mode): a webhook of the firm added from its HTTPS address and the events it is
// sent, its signing secret then shown once (webhooksecret.go); one removed after a
// question whose default keeps it.

// webhookDialog holds the new webhook's address and events.
type webhookDialog struct {
	run         *runner
	n           service.Notifications
	url         *widgets.Entry
	urlErr      *widget.Label
	kinds       map[service.NotifyKind]*widget.Check
	kindsErr    *widget.Label
	add, cancel *widgets.Button
	dlg         *widgets.Dialog
	onAdded     func(service.Webhook, string)
}

// newWebhookDialog builds the dialog over w; onAdded gets the webhook and its secret.
func newWebhookDialog(w fyne.Window, r *runner, n service.Notifications, onAdded func(service.Webhook, string)) *webhookDialog {
	d := &webhookDialog{run: r, n: n, onAdded: onAdded, url: widgets.NewEntry(), urlErr: widgets.FieldError(),
		kinds: map[service.NotifyKind]*widget.Check{}, kindsErr: widgets.FieldError()}
	d.url.SetPlaceHolder(lang.L("ui.ex_example", map[string]any{"Example": "https://outils.cabinet.fr/sesame"}))
	labels := notifyKindLabels()
	checks := container.NewVBox()
	for _, k := range service.NotifyKinds {
		c := widget.NewCheck(labels[k], nil)
		c.SetChecked(true)
		d.kinds[k] = c
		checks.Add(c)
	}
	d.add = widgets.NewButton(lang.L("ui.webhook_ajouter_bouton"), theme.ContentAddIcon(), d.onAdd)
	d.add.Importance = widget.HighImportance
	d.cancel = widgets.NewButton(lang.L("ui.annuler"), nil, func() { d.dlg.Hide() })
	content := container.NewVBox(widgets.Wrapped(lang.L("ui.webhook_intro")),
		widgets.FieldTitle(lang.L("ui.webhook_url")), d.url, widgets.NewErrorLine(d.urlErr),
		widgets.FieldTitle(lang.L("ui.webhook_evenements")), checks, widgets.NewErrorLine(d.kindsErr))
	d.dlg = widgets.NewDialog(w, lang.L("ui.webhook_titre"), content, []*widgets.Button{d.cancel, d.add}, d.onAdd, func() { d.dlg.Hide() })
	d.dlg.Width = 560
	d.url.Escape = d.dlg.Escape
	d.url.OnSubmitted = func(string) { d.onAdd() }
	return d
}

// chosen is the events ticked.
func (d *webhookDialog) chosen() []service.NotifyKind {
	var ks []service.NotifyKind
	for _, k := range service.NotifyKinds {
		if d.kinds[k].Checked {
			ks = append(ks, k)
		}
	}
	return ks
}

// onAdd asks the server for the webhook; a refusal is said under its field.
func (d *webhookDialog) onAdd() {
	if d.add.Disabled() {
		return
	}
	url, kinds := strings.TrimSpace(d.url.Text), d.chosen()
	setFieldError(d.urlErr, nil)
	setFieldError(d.kindsErr, nil)
	if len(kinds) == 0 {
		setFieldError(d.kindsErr, service.FieldError("events", msgWebhookNoEvent))
		d.dlg.Show()
		return
	}
	var wh service.Webhook
	var secret string
	d.run.run("webhook add", func(on bool) {
		if on {
			d.add.Disable()
		} else {
			d.add.Enable()
		}
	}, func(ctx context.Context) error {
		var err error
		wh, secret, err = d.n.AddWebhook(ctx, url, kinds)
		return err
	}, func(err error) {
		if field := service.ErrorField(err); field == "url" || field == "events" {
			l := d.urlErr
			if field == "events" {
				l = d.kindsErr
			}
			setFieldError(l, err)
			d.dlg.Show()
			return
		}
		if err != nil {
			d.run.fail("webhook add", err)
			return
		}
		d.dlg.Hide()
		d.onAdded(wh, secret)
	})
}

// msgWebhookNoEvent: no event ticked.
const msgWebhookNoEvent = "ui.webhook_aucun_evenement"

// onAddWebhook opens « Ajouter un webhook… »; once added, its secret is shown once
// and the list read again.
func (d *notifyDialog) onAddWebhook() {
	d.hook = newWebhookDialog(d.win, d.run, d.n, func(wh service.Webhook, secret string) {
		d.secret = showWebhookSecret(d.win, d.guard, wh, secret)
		d.reloadHooks()
	})
	d.hook.dlg.Show()
	d.win.Canvas().Focus(d.hook.url)
}

// onRemoveWebhook asks before removing a webhook; Enter and Escape keep it.
func (d *notifyDialog) onRemoveWebhook(wh service.Webhook) {
	q := widgets.Wrapped(lang.L("ui.webhook_supprimer_question", map[string]any{"URL": wh.URL}))
	d.confirm = widgets.NewConfirmDialog(d.win, lang.L("ui.webhook_supprimer_titre"), q, lang.L("ui.supprimer"), lang.L("ui.non_garder"),
		widget.DangerImportance, func(yes bool) {
			d.confirm = nil
			if !yes {
				return
			}
			d.run.run("webhook remove", nil, func(ctx context.Context) error {
				return d.n.RemoveWebhook(ctx, wh.ID)
			}, func(err error) {
				if err != nil {
					d.run.fail("webhook remove", err)
					return
				}
				d.status.Show()
				d.status.SetText(lang.L("ui.webhook_supprime"))
				d.status.Importance = widget.SuccessImportance
				d.status.Refresh()
				d.reloadHooks()
			})
		})
	d.confirm.Show()
}

// reloadHooks reads the firm's webhooks again.
func (d *notifyDialog) reloadHooks() {
	var hooks []service.Webhook
	d.run.run("webhooks", nil, func(ctx context.Context) error {
		var err error
		hooks, err = d.n.Webhooks(ctx)
		return err
	}, func(err error) {
		if err != nil {
			d.run.fail("webhooks", err)
			return
		}
		d.showHooks(hooks)
		d.dlg.Refit()
	})
}
