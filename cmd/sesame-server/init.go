package main

import (
	"context"
	"fmt"

	"sesame/service/store/postgres"
)

const initSynopsis = `sesame-server init --db DSN

Crée la base de Sésame : un nouveau fichier SQLite (et son dossier), ou les tables
d'une base PostgreSQL vide déjà créée (createdb) ; une base qui contient déjà
d'autres tables est refusée. C'est la seule commande qui crée une
base : les autres refusent une base qui n'existe pas encore, pour qu'une faute de
frappe dans --db ne serve jamais un cabinet vide. Sur une base déjà créée, ne change
rien.`

// initCmd creates (SQLite) or fills (PostgreSQL) a Sésame database.
func initCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("init")
	db := fs.String("db", "", "base à créer : chemin d'un fichier SQLite ou URL postgres:// d'une base vide")
	if err := parseOptions(fs, c, initSynopsis, args, "db"); err != nil {
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
		fmt.Fprintf(c.stdout, msgDBAlreadyReady, shown)
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
			return fmt.Errorf(msgDBNotEmpty, shown, contents.Tables)
		}
	}
	st, err := open(ctx, *db)
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msgDBCreated, shown)
	return nil
}
