package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/keytext"
	"sesame/gui/widgets"
	"sesame/service"
)

// The warning before expiry: the keys that expire before 00:00 of the day 30 days
// from today ("dans moins de 30 jours"), announced by a banner on the profile and
// keys pages and, once a day at start, by a desktop notification.

// prefExpiryNotice is the day (yyyy-mm-dd) the last expiry notification was sent.
const prefExpiryNotice = "expiryNoticeDay"

// expiryBanner is the warning line; tapping it shows exactly the keys it counts.
type expiryBanner struct{ banner }

func newExpiryBanner(onTap func()) *expiryBanner {
	return &expiryBanner{newBanner(theme.WarningIcon(), widget.WarningImportance, onTap)}
}

// show counts keys, or hides the banner when there are none.
func (b *expiryBanner) show(keys []service.Key) {
	var text string
	if len(keys) > 0 {
		text = lang.N("ui.cle_expire_moins_30_jours", len(keys), map[string]any{"Count": len(keys)})
	}
	b.set(keys, text)
}

// loadExpiring asks the Portal for the keys expiring soon and gives done those
// before the warning's limit.
func loadExpiring(b *backend, r *runner, done func([]service.Key)) {
	var ks []service.Key
	r.run("expiring keys", nil, func(ctx context.Context) error {
		var err error
		ks, err = b.portal.ExpiringKeys(ctx)
		return err
	}, func(err error) {
		if err != nil {
			logError("expiring keys", err) // a warning that cannot be read is no reason to stop
			return
		}
		ks = keytext.ExpiringBefore(ks, keytext.WarnLimit(clock()), "", "")
		b.setExpiring(ks)
		done(ks)
	})
}

// notifyExpiring sends the desktop notification of the day, once a day.
func notifyExpiring(a fyne.App, keys []service.Key) {
	today := clock().Format("2006-01-02")
	if a == nil || len(keys) == 0 || a.Preferences().String(prefExpiryNotice) == today {
		return
	}
	a.Preferences().SetString(prefExpiryNotice, today)
	names := make([]string, 0, 3)
	for _, k := range keys[:min(3, len(keys))] {
		names = append(names, k.Name)
	}
	body := strings.Join(names, ", ")
	if len(keys) > 3 {
		body += "…"
	}
	a.SendNotification(fyne.NewNotification(
		lang.N("ui.cle_expire_moins_30_jours", len(keys), map[string]any{"Count": len(keys)}), body))
}

// showExpiringList shows the keys a banner counts, soonest first, in a dialog.
func showExpiringList(w fyne.Window, p service.Profile, cat service.Catalogue, keys []service.Key) *widgets.Dialog {
	rows := container.NewVBox()
	for _, k := range keys {
		svc := k.Service
		if e, ok := cat.Entry(k.Service); ok {
			svc = e.Name
		}
		tiers := k.Tiers
		if t, ok := p.TiersByCode(k.Tiers); ok {
			tiers = t.Label()
		}
		rows.Add(widgets.Wrapped(lang.L("ui.tiers_service_expire_date",
			map[string]any{"Name": k.Name, "Tiers": tiers, "Service": svc, "Date": k.ExpiresAt.Local().Format(keytext.DateLayout())})))
	}
	d := widgets.NewMessageDialogWith(w, lang.L("ui.cles_api_expirent_moins_30"), rows, lang.L("ui.ok"))
	d.Width = 620
	return d
}

// loadBanner counts the keys of the tiers and service the table shows that expire
// soon: from what the profile read when the page opens (no extra round trip), from
// the Portal (fresh) when the app opened on this page, at each Filtrer, and after a
// key was generated or revoked.
func (s *keysScreen) loadBanner(fresh bool) {
	show := func(ks []service.Key) {
		s.banner.show(keytext.ExpiringBefore(ks, keytext.WarnLimit(clock()), s.criteria.applied.Tiers, s.criteria.applied.Service))
	}
	s.loadHandoverBanner()
	if !fresh {
		show(s.backend.expiring)
		return
	}
	loadExpiring(s.backend, s.run, show)
}

// onExpiringBanner shows exactly the keys the banner counts: active ones expiring
// before the warning's limit.
func (s *keysScreen) onExpiringBanner() {
	s.criteria.showExpiringBefore(keytext.WarnLimit(clock()))
}
