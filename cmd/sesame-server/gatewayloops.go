package main

import (
	"context"
	"net"
	"net/http"

	"sesame/service/httpserver/lean"
)

// gatewayLoops are the lean loops serve puts on its plain-HTTP listeners, for a
// gateway's sub-requests to /v1/gateway.
type gatewayLoops []*lean.Listener

// add wraps ln in a lean loop of hs and returns it, to be served by hs.
func (g *gatewayLoops) add(hs *http.Server, ln net.Listener) *lean.Listener {
	l := lean.NewListener(hs, ln, "/v1/gateway")
	*g = append(*g, l)
	return l
}

// stats adds up what the loops did, for /metrics.
func (g gatewayLoops) stats() lean.Stats {
	var sum lean.Stats
	for _, l := range g {
		s := l.Stats()
		sum.Answered += s.Answered
		sum.HandedOver += s.HandedOver
	}
	return sum
}

// wait waits for the sub-requests still running in every loop, after
// http.Server.Shutdown closed their listeners.
func (g gatewayLoops) wait(ctx context.Context) error {
	for _, l := range g {
		if err := l.Wait(ctx); err != nil {
			return err
		}
	}
	return nil
}
