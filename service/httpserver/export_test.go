package httpserver

import "context"

// Housekeeping runs one round of the server's periodic work now, on its clock:
// what the background loop does each minute.
func (s *Server) Housekeeping(ctx context.Context) { s.housekeeping(ctx) }

// NotifyRound runs one round of the notifier now, on the server's clock: what the
// notification loop does every NotifyInterval.
func (s *Server) NotifyRound(ctx context.Context) { s.notifyRound(ctx) }

// HoldImport makes the server busy with an import until the returned function is
// called, as a long import from another administrator would.
func (s *Server) HoldImport() func() {
	s.importing.Lock()
	return s.importing.Unlock
}
