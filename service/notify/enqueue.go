package notify

import (
	"context"
	"encoding/json"
	"slices"

	"sesame/service"
	"sesame/service/store"
)

// Enqueue stores one delivery of ev per recipient that chose its kind: each
// administrator of ev.Firm (of every firm when it is "", the daily seal) with an
// e-mail address, and each of the firm's webhooks. A delivery stored already, by
// this replica or another, is not stored again. It returns how many it stored.
func (n *Notifier) Enqueue(ctx context.Context, ev service.Notification) (int, error) {
	payload, err := json.Marshal(ev)
	if err != nil {
		return 0, err
	}
	now := n.now()
	var ds []store.Delivery
	add := func(firm, channel, target, lang string) {
		ds = append(ds, store.Delivery{Firm: firm, EventID: ev.ID, Kind: ev.Kind, Channel: channel, Target: target,
			Language: lang, Payload: payload, CreatedAt: now, NextAt: now})
	}
	choices, err := n.st.NotifyChoices(ctx, ev.Firm)
	if err != nil {
		return 0, err
	}
	for _, c := range choices {
		if c.Email != "" && slices.Contains(c.Kinds, ev.Kind) {
			add(c.Firm, store.ChannelEmail, c.Email, c.Language)
		}
	}
	if ev.Firm != "" {
		hooks, err := n.st.Webhooks(ctx, ev.Firm)
		if err != nil {
			return 0, err
		}
		for _, w := range hooks {
			if slices.Contains(w.Kinds, ev.Kind) {
				add(w.Firm, store.ChannelWebhook, w.ID, "")
			}
		}
	}
	if len(ds) == 0 {
		return 0, nil
	}
	return n.st.EnqueueDeliveries(ctx, ds)
}
