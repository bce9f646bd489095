package httpserver

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// readyTimeout bounds the checks of one /readyz request.
const readyTimeout = 2 * time.Second

// The store's optional abilities that readiness checks: both SQL stores have them.
type (
	dbHandle          interface{ DB() *sql.DB }
	migrationsChecker interface {
		MigrationsPending(ctx context.Context) (bool, error)
	}
)

// Drain makes /readyz fail from now on, so that a load balancer stops sending
// requests to this replica while those in flight finish: call it on SIGTERM, wait for
// the balancer to notice, then shut the http.Server down.
func (s *Server) Drain() { s.draining.Store(true) }

// handleHealthz answers GET /healthz: 200 while the process can answer at all (a
// liveness probe; it checks nothing else, so that a database outage does not get
// every replica restarted).
func (s *Server) handleHealthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readiness is the answer of /readyz: each check and its result.
type readiness struct {
	Ready  bool              `json:"ready"`
	Checks map[string]string `json:"checks"`
}

// handleReadyz answers GET /readyz: 200 when the replica may take traffic (not
// draining, the database answers, its schema has every migration of this build, the
// signing keys are loaded), else 503 with what failed. Causes go to the log only.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	rd := readiness{Ready: true, Checks: map[string]string{}}
	check := func(name string, err error) {
		if err != nil {
			rd.Ready = false
			rd.Checks[name] = "fail"
			s.log.Warn("not ready", "check", name, "err", err)
			return
		}
		rd.Checks[name] = "ok"
	}
	if s.draining.Load() {
		rd.Ready = false
		rd.Checks["draining"] = "fail"
	}
	if db, ok := s.st.(dbHandle); ok {
		check("database", db.DB().PingContext(ctx))
	}
	if mc, ok := s.st.(migrationsChecker); ok && !s.migrated.Load() {
		pending, err := mc.MigrationsPending(ctx)
		if err == nil && pending {
			err = errMigrationsPending
		}
		check("migrations", err)
		s.migrated.Store(err == nil)
	} else if ok {
		rd.Checks["migrations"] = "ok"
	}
	var keysErr error
	if !s.keys.loaded() {
		keysErr = errNoSigningKey
	}
	check("signing_keys", keysErr)
	status := http.StatusOK
	if !rd.Ready {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, rd)
}
