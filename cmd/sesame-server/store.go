package main

import (
	"context"
	"strings"

	"sesame/service/httpserver"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlite"
)

// openStore opens and migrates the database named by dsn: a postgres:// (or
// postgresql://) URL, or else the path of a SQLite file.
func openStore(ctx context.Context, dsn string) (httpserver.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// dbFlagHelp is the --db option's description.
const dbFlagHelp = "base de données : chemin d'un fichier SQLite ou URL postgres://"
