package sqlstore

import (
	"context"
	"database/sql"
)

// prepared returns the statement for a query written with "?" placeholders,
// preparing it on first use. database/sql re-prepares it on each pooled connection
// as needed; SQLite then skips parsing and planning the query at every call, which
// on the key-verification path is most of its cost. Statements are closed with the
// store.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(query); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(query, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// closeStmts closes the prepared statements.
func (s *Store) closeStmts() {
	s.stmts.Range(func(k, v any) bool {
		_ = v.(*sql.Stmt).Close()
		s.stmts.Delete(k)
		return true
	})
}
