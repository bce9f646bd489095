package main

import (
	"context"
	"fmt"
	"strings"

	"sesame/service"
)

const tiersAddSynopsis = `sesame-server tiers add --db DSN --code CODE --name NOM [--attached-to CODE]

Ajoute un tiers : un cabinet (sans --attached-to) ou un tiers rattaché à un autre.`

// tiersAddCmd adds a tiers.
func tiersAddCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("tiers add")
	db := fs.String("db", "", dbFlagHelp)
	code := fs.String("code", "", "code du tiers, par exemple 95963")
	name := fs.String("name", "", `nom du tiers, par exemple "FUTUROSCOPE CEDEX"`)
	attached := fs.String("attached-to", "", "code du tiers auquel il est rattaché")
	if err := parseOptions(fs, c, tiersAddSynopsis, args, "db", "code", "name"); err != nil {
		return err
	}
	t := service.Tiers{Code: strings.TrimSpace(*code), Name: strings.TrimSpace(*name), AttachedTo: strings.TrimSpace(*attached)}
	if err := t.Validate(); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.AddTiers(ctx, t); err != nil {
		if t.AttachedTo != "" && service.ErrorCode(err) == service.ENOTFOUND {
			return fmt.Errorf(msgTiersParentMissing, t.AttachedTo, t.Code, t.AttachedTo)
		}
		return err
	}
	fmt.Fprintf(c.stdout, "Tiers ajouté : %s\n", t.Label())
	return nil
}
