package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"sesame/assets"
	"sesame/service/msg"
)

const catalogueImportSynopsis msg.Code = "cli.catalogue_import_fichier_json_remplace"

// maxCatalogueBytes bounds the file read: a catalogue is a few kilobytes.
const maxCatalogueBytes = 4 << 20

// catalogueImportCmd replaces the catalogue.
func catalogueImportCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("catalogue import")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	rest, err := parse(fs, c, msg.T(catalogueImportSynopsis, nil), args)
	if err != nil {
		return err
	}
	if err := required(fs, "db"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("%s", msg.T("cli.indiquez_seul_fichier_catalogue", nil))
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf(msg.T("cli.lecture_catalogue", nil), err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCatalogueBytes+1))
	if err != nil {
		return fmt.Errorf(msg.T("cli.lecture_catalogue", nil), err)
	}
	if len(data) > maxCatalogueBytes {
		return fmt.Errorf(msg.T("cli.fichier_trop_gros_catalogue", nil), rest[0])
	}
	cat, err := assets.ParseCatalogue(data)
	if err != nil {
		return fmt.Errorf(msg.T("cli.catalogue_non_valide", nil), err)
	}
	if len(cat.Entries) == 0 {
		return fmt.Errorf(msg.T("cli.catalogue_contient_aucun_service", nil), rest[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.PutCatalogue(ctx, cat); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.catalogue_importe_services_categories", nil)+"\n", len(cat.Entries), len(cat.Categories))
	return nil
}
