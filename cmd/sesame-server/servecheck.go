package main

import (
	"context"

	"sesame/service/masterkey"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// checkDatabase checks, reading only, what would make serve refuse the database once
// it had begun to write to it (migrations, the catalogue, the signing keys): that init
// created it, that this build can migrate its schema, and that every secret it holds
// sealed was sealed by mk (keyPath names mk's file in the refusal). A schema older
// than this build's is read as it stands: the tables it lacks hold no secret yet.
func checkDatabase(ctx context.Context, dsn string, mk *masterkey.Key, keyPath string) error {
	if err := refuseUninitialised(ctx, dsn); err != nil {
		return err
	}
	var (
		st  *sqlstore.Store
		err error
	)
	if isPostgres(dsn) {
		st, err = postgres.OpenReadOnly(ctx, dsn)
	} else {
		st, err = sqlite.OpenReadOnly(ctx, dsn)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	// A schema this build cannot migrate is refused as such, before its tables are read.
	if _, err := st.Version(ctx); err != nil {
		return err
	}
	err = st.EachSecret(ctx, func(_ string, value []byte) error {
		if sealer, sealed := masterkey.SealedBy(value); sealed && sealer != mk.ID() {
			return &masterkey.WrongKeyError{Sealer: sealer, Given: mk.ID()}
		}
		return nil
	})
	return masterKeyError(err, keyPath)
}
