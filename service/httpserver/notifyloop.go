package httpserver

import (
	"context"
	"time"

	"sesame/service/notify"
)

// newNotifier is the server's notifier: secrets opened with the master key.
func (s *Server) newNotifier() *notify.Notifier {
	cfg := notify.Config{Store: s.st, Open: s.cfg.MasterKey.Open, Seal: s.cfg.MasterKey.Seal, Now: s.now, Log: s.log,
		PublicOnly: s.cfg.NotifyPublicOnly}
	if s.cfg.Notify != nil {
		s.cfg.Notify(&cfg)
	}
	return notify.New(cfg)
}

// deliveryBatch is the most deliveries one round attempts.
const deliveryBatch = 50

// notifyLoop looks for what to tell every NotifyInterval, and makes the deliveries
// due, in a goroutine of its own: an SMTP server or a webhook that is slow holds up
// nothing else.
func (s *Server) notifyLoop(ctx context.Context) {
	defer s.done.Done()
	tick := time.NewTicker(s.cfg.NotifyInterval)
	defer tick.Stop()
	for {
		s.notifyRound(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// notifyRound scans once and delivers what is due.
func (s *Server) notifyRound(ctx context.Context) {
	if err := s.notifier.Scan(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("looking for notifications", "err", err)
	}
	if _, err := s.notifier.Deliver(ctx, deliveryBatch); err != nil && ctx.Err() == nil {
		s.log.Error("delivering notifications", "err", err)
	}
}
