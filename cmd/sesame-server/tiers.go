package main

import (
	"context"
	"fmt"
	"strings"

	"sesame/service"
	"sesame/service/msg"
)

const tiersAddSynopsis msg.Code = "cli.tiers_add_code_code_name"

// tiersAddCmd adds a tiers.
func tiersAddCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("tiers add")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	code := fs.String("code", "", msg.T("cli.code_tiers_exemple_95963", nil))
	name := fs.String("name", "", msg.T("cli.nom_tiers_exemple_futuroscope_cedex", nil))
	attached := fs.String("attached-to", "", msg.T("cli.code_tiers_auquel_rattache", nil))
	if err := parseOptions(fs, c, msg.T(tiersAddSynopsis, nil), args, "db", "code", "name"); err != nil {
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
			return fmt.Errorf(msg.T(msgTiersParentMissing, nil), t.AttachedTo, t.Code, t.AttachedTo)
		}
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.tiers_ajoute", nil)+"\n", t.Label())
	return nil
}
