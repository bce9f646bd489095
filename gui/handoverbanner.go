package gui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/gui/widgets"
	"sesame/service"
	"sesame/service/msg"
)

// handoverBanner is the alarm line of the keys page: keys of its tiers and service
// that a failed secure handover suspended (a pickup link opened again, too many
// wrong codes). Tapping it shows the suspended keys.
type handoverBanner struct {
	btn  *widgets.Button
	keys []service.Key
}

func newHandoverBanner(onTap func()) *handoverBanner {
	b := &handoverBanner{btn: widgets.NewButton("", theme.ErrorIcon(), onTap)}
	b.btn.Importance = widget.DangerImportance
	b.btn.Alignment = widget.ButtonAlignLeading
	b.btn.Hide()
	return b
}

// show counts keys, or hides the banner when there are none.
func (b *handoverBanner) show(keys []service.Key) {
	b.keys = keys
	switch len(keys) {
	case 0:
		b.btn.Hide()
	case 1:
		b.btn.SetText(lang.L("ui.remise_cle_suspendue", map[string]any{"Name": keys[0].Name,
			"Why": service.SuspensionReasonText(keys[0].Suspension.Reason, msg.Language())}))
		b.btn.Show()
	default:
		b.btn.SetText(lang.N("ui.remise_cles_suspendues", len(keys), map[string]any{"Count": len(keys)}))
		b.btn.Show()
	}
	widgets.Relayout(b.btn)
}

// suspendedByHandover keeps the keys a failed handover suspended.
func suspendedByHandover(ks []service.Key) []service.Key {
	var out []service.Key
	for _, k := range ks {
		if k.Status != service.StatusSuspended || k.Suspension == nil {
			continue
		}
		if r := k.Suspension.Reason; r == service.SuspendReasonHandoverReused || r == service.SuspendReasonHandoverCodes {
			out = append(out, k)
		}
	}
	return out
}

// loadHandoverBanner reads the suspended keys of the tiers and service the table
// shows and counts those a failed handover suspended: at each refresh, so that a
// reopened pickup link shows at the next one.
func (s *keysScreen) loadHandoverBanner() {
	f := suspendedKeys(s.criteria.applied.Tiers, s.criteria.applied.Service)
	f.Limit, f.NoCount = service.MaxPageSize, true
	var page service.KeyPage
	s.run.run("handover alarms", nil, func(ctx context.Context) error {
		var err error
		page, err = s.backend.portal.ListKeys(ctx, f)
		return err
	}, func(err error) {
		if err != nil {
			logError("handover alarms", err) // an alarm that cannot be read is no reason to stop
			return
		}
		s.alarm.show(suspendedByHandover(page.Keys))
	})
}

// onHandoverBanner shows the suspended keys.
func (s *keysScreen) onHandoverBanner() {
	f := suspendedKeys(s.criteria.applied.Tiers, s.criteria.applied.Service)
	s.criteria.setFilter(f)
	s.onApply(f)
}
