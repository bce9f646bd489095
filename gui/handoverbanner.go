package gui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sesame/service"
	"sesame/service/msg"
)

// handoverBanner is the alarm line of the keys page: keys of its tiers and service
// that a failed secure handover suspended (a pickup link opened again, too many
// wrong codes). Tapping it shows the suspended keys.
type handoverBanner struct{ banner }

func newHandoverBanner(onTap func()) *handoverBanner {
	return &handoverBanner{newBanner(theme.ErrorIcon(), widget.DangerImportance, onTap)}
}

// show counts keys, or hides the banner when there are none; it names the key and
// the reason when there is one.
func (b *handoverBanner) show(keys []service.Key) {
	var text string
	switch n := len(keys); {
	case n == 1:
		text = lang.L("ui.remise_cle_suspendue", map[string]any{"Name": keys[0].Name,
			"Why": service.SuspensionReasonText(keys[0].Suspension.Reason, msg.Language())})
	case n > 1:
		text = lang.N("ui.remise_cles_suspendues", len(keys), map[string]any{"Count": len(keys)})
	}
	b.set(keys, text)
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
