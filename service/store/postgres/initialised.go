package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"sesame/service"
)

// Initialised reports whether the database at url already holds Sésame's tables,
// writing nothing: the server's commands other than init refuse a database that
// does not. It fails as Open does when the database cannot be reached, refuses the
// password or does not exist.
func Initialised(ctx context.Context, url string) (bool, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return false, service.Errorf(service.EINVALID, service.MsgDBURLInvalid,
			errors.New("postgres: cannot parse the database URL (details withheld: it may hold a password)"))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, classifyFail(err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('tiers') IS NOT NULL`).Scan(&ok); err != nil {
		return false, classifyFail(err)
	}
	return ok, nil
}
