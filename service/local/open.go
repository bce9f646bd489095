package local

import (
	"context"

	"sesame/assets"
	"sesame/service"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// Open opens (or creates) the desktop's SQLite file at path, seeds the default
// catalogue on first use, ends the graces that ran out, and returns the Portal of
// the local administrator.
func Open(ctx context.Context, path string) (*Portal, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := SeedCatalogue(ctx, st); err != nil {
		_ = st.Close()
		return nil, err
	}
	// Graces that ran out while the app was closed are ended now, in the journal
	// at the instant each ended: the desktop has no server sweeping for it.
	p := New(st, store.LocalLogin)
	if err := p.sweepGraces(ctx); err != nil {
		_ = st.Close()
		return nil, err
	}
	return p, nil
}

// SeedCatalogue stores the embedded default catalogue if the store has none. Server
// replicas starting together on one database may all find it empty: the ones whose
// write conflicts with another's find it seeded and succeed.
func SeedCatalogue(ctx context.Context, st store.Store) error {
	c, err := st.Catalogue(ctx)
	if err != nil || len(c.Entries) > 0 {
		return err
	}
	def, err := assets.DefaultCatalogue()
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgUnexpected, err)
	}
	err = st.PutCatalogue(ctx, def)
	if service.ErrorCode(err) == service.ECONFLICT {
		if c, rerr := st.Catalogue(ctx); rerr == nil && len(c.Entries) > 0 {
			return nil
		}
	}
	return err
}
