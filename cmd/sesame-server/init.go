package main

import (
	"context"
	"fmt"

	"sesame/service/msg"
	"sesame/service/store/postgres"
)

const initSynopsis msg.Code = "cli.init_cree_base_nouveau_fichier"

// initCmd creates (SQLite) or fills (PostgreSQL) a Sésame database.
func initCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("init")
	db := fs.String("db", "", msg.T("cli.base_creer_chemin_fichier_sqlite", nil))
	if err := parseOptions(fs, c, msg.T(initSynopsis, nil), args, "db"); err != nil {
		return err
	}
	shown := *db
	if isPostgres(*db) {
		shown = redactDSN(*db)
	}
	ready, err := initialised(ctx, *db)
	if err != nil {
		return err
	}
	if ready {
		fmt.Fprintf(c.stdout, msg.T(msgDBAlreadyReady, nil), shown)
		return nil
	}
	if isPostgres(*db) {
		// Only an empty database: tables of another application are not Sésame's to
		// share a schema with.
		contents, err := postgres.Probe(ctx, *db)
		if err != nil {
			return err
		}
		if contents.Tables > 0 {
			return fmt.Errorf(msg.T(msgDBNotEmpty, nil), shown, contents.Tables)
		}
	}
	st, err := open(ctx, *db)
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T(msgDBCreated, nil), shown)
	return nil
}
