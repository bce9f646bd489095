package httpserver

import (
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sesame/service"
	"sesame/service/keycache"
)

// Readiness failures, for the log.
var (
	errMigrationsPending = errors.New("the database lacks migrations of this build")
	errNoSigningKey      = errors.New("no signing key loaded")
)

// metrics are the server's Prometheus series, in a registry of its own (several
// servers may run in one process: the tests do). No label ever holds a key, a login
// or anything a caller chose, so that the series stay few and say nothing secret.
type metrics struct {
	reg           *prometheus.Registry
	verifications *prometheus.CounterVec   // endpoint, outcome
	tokens        *prometheus.CounterVec   // grant, outcome
	duration      *prometheus.HistogramVec // route
	throttle      *prometheus.CounterVec   // kind, decision
	// The series of the verification path, looked up once: a label lookup hashes
	// its values on every call.
	routes   seriesCache[string, prometheus.Observer]   // duration, by route
	outcomes seriesCache[[2]string, prometheus.Counter] // verifications, by endpoint and outcome
}

func newMetrics(st Store, cache func() keycache.Stats) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		verifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sesame_key_verifications_total",
			Help: "API key verifications by endpoint (verify, gateway) and outcome (ok, unauthorized, forbidden, throttled, config_error, error).",
		}, []string{"endpoint", "outcome"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sesame_tokens_total",
			Help: "Token endpoint requests by grant type and outcome (ok or the OAuth2 error code).",
		}, []string{"grant", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sesame_http_request_duration_seconds",
			Help:    "Time to answer a request, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		throttle: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sesame_throttle_decisions_total",
			Help: "Rate-limit decisions, by kind (key: after a failed key; login: before a password is checked) and decision (allowed, throttled).",
		}, []string{"kind", "decision"}),
	}
	m.reg.MustRegister(m.verifications, m.tokens, m.duration, m.throttle,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, result := range []string{"hit", "miss", "bypass"} {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "sesame_key_cache_lookups_total",
			Help:        "Key lookups of the verification path: hit (from memory), miss (read from the database, then kept), bypass (read from the database while key changes were not announced).",
			ConstLabels: prometheus.Labels{"result": result},
		}, func() float64 {
			s := cache()
			switch result {
			case "hit":
				return float64(s.Hits)
			case "miss":
				return float64(s.Misses)
			}
			return float64(s.Bypasses)
		}))
	}
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "sesame_key_cache_entries", Help: "Keys held in this replica's key cache.",
	}, func() float64 { return float64(cache().Entries) }))
	if db, ok := st.(dbHandle); ok {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db.DB(), "sesame"))
	}
	return m
}

// MetricsHandler serves the server's Prometheus metrics. It is not among Handler's
// routes: sesame-server serve mounts it on a listener of its own (--metrics-listen),
// for the supervision network, never on the public one by default.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// timed records how long each request took, by the route pattern it matched (set on
// the request by the ServeMux), so that paths with IDs stay one series.
func (m *metrics) timed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "other"
		}
		m.routes.get(route, func() prometheus.Observer { return m.duration.WithLabelValues(route) }).
			Observe(time.Since(start).Seconds())
	})
}

// verified counts a verification's outcome.
func (m *metrics) verified(endpoint string, err error) {
	outcome := "ok"
	var th keyThrottled
	switch {
	case err == nil:
	case errors.Is(err, errGatewayConfig):
		outcome = "config_error"
	case errors.As(err, &th):
		outcome = "throttled"
	case errors.Is(err, errKeyRejected) || service.ErrorCode(err) == service.EUNAUTHORIZED:
		outcome = "unauthorized"
	case service.ErrorCode(err) == service.EFORBIDDEN:
		outcome = "forbidden"
	default:
		outcome = "error"
	}
	m.outcomes.get([2]string{endpoint, outcome}, func() prometheus.Counter {
		return m.verifications.WithLabelValues(endpoint, outcome)
	}).Inc()
}

// granted counts a token request's outcome.
func (m *metrics) granted(grant string, err error) {
	switch grant {
	case "authorization_code", "refresh_token", "client_credentials":
	default:
		grant = "other"
	}
	outcome := "ok"
	if err != nil {
		var oe *oauthError
		if errors.As(err, &oe) {
			outcome = oe.code
		} else {
			outcome = "server_error"
		}
	}
	m.tokens.WithLabelValues(grant, outcome).Inc()
}

// throttled counts a rate-limit decision.
func (m *metrics) throttled(kind string, wait time.Duration) {
	decision := "allowed"
	if wait > 0 {
		decision = "throttled"
	}
	m.throttle.WithLabelValues(kind, decision).Inc()
}
