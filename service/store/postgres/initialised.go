package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Contents is what a database holds, as far as creating Sésame's tables in it goes.
type Contents struct {
	Sesame bool // Sésame's tables are there
	Tables int  // tables in the schema Sésame would use (its search_path's first)
}

// Probe reads what the database at url holds, writing nothing: the server's commands
// other than init refuse a database without Sésame's tables, and init one that holds
// other tables. It fails as Open does when the database cannot be reached, refuses
// the password or does not exist.
func Probe(ctx context.Context, url string) (Contents, error) {
	cfg, err := connConfig(url)
	if err != nil {
		return Contents{}, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return Contents{}, classifyFail(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var c Contents
	if err := conn.QueryRow(ctx, `SELECT to_regclass('tiers') IS NOT NULL,
		(SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema())`).Scan(&c.Sesame, &c.Tables); err != nil {
		return Contents{}, classifyFail(err)
	}
	return c, nil
}
