package sqlstore

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3"

	"sesame/service"
)

// Migrate brings the schema up to date. A database written by a newer Sésame, whose
// version this binary does not know, is refused with ENEWER and left untouched.
// Migrations are numbered in ranges given to pieces of work done side by side, so a
// database may lack one numbered below its version: it is applied then (goose's
// out-of-order mode), each migration standing on its own.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.migrations()
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("migrations: %w", err))
	}
	var known int64
	for _, src := range p.ListSources() {
		known = max(known, src.Version)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return s.fail(fmt.Errorf("schema version: %w", err))
	}
	if current > known {
		return service.Errorf(service.ENEWER, service.MsgStoreNewer,
			fmt.Errorf("schema version %d, this build knows up to %d", current, known))
	}
	if _, err := p.Up(ctx); err != nil {
		return s.fail(fmt.Errorf("migrate: %w", err))
	}
	return nil
}

// MigrationsPending reports whether the database lacks some of this build's
// migrations (a server's readiness: it must not serve a schema it does not expect).
func (s *Store) MigrationsPending(ctx context.Context) (bool, error) {
	p, err := s.migrations()
	if err != nil {
		return false, fmt.Errorf("migrations: %w", err)
	}
	return p.HasPending(ctx)
}

// migrations is this build's migrations for the store's database, SQL and Go, in
// goose's out-of-order mode (see Migrate).
func (s *Store) migrations() (*goose.Provider, error) {
	return goose.NewProvider(s.d.Goose, s.db, s.d.Migrations, goose.WithDisableGlobalRegistry(true),
		goose.WithAllowOutofOrder(true), goose.WithGoMigrations(append(s.goMigrations(), s.skeletonsMigration())...))
}
