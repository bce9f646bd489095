package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"sesame/assets"
)

const catalogueImportSynopsis = `sesame-server catalogue import --db DSN FICHIER.json

Remplace le catalogue de services par celui du fichier (le format de
assets/catalogue.json). Les services auxquels des clés se rapportent doivent y rester.`

// maxCatalogueBytes bounds the file read: a catalogue is a few kilobytes.
const maxCatalogueBytes = 4 << 20

// catalogueImportCmd replaces the catalogue.
func catalogueImportCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("catalogue import")
	db := fs.String("db", "", dbFlagHelp)
	rest, err := parse(fs, c, catalogueImportSynopsis, args)
	if err != nil {
		return err
	}
	if err := required(fs, "db"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("indiquez un seul fichier de catalogue")
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf("lecture du catalogue : %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCatalogueBytes+1))
	if err != nil {
		return fmt.Errorf("lecture du catalogue : %w", err)
	}
	if len(data) > maxCatalogueBytes {
		return fmt.Errorf("le fichier %s est trop gros pour un catalogue", rest[0])
	}
	cat, err := assets.ParseCatalogue(data)
	if err != nil {
		return fmt.Errorf("catalogue non valide : %w", err)
	}
	if len(cat.Entries) == 0 {
		return fmt.Errorf("le catalogue %s ne contient aucun service", rest[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.PutCatalogue(ctx, cat); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Catalogue importé : %d services, %d catégories\n", len(cat.Entries), len(cat.Categories))
	return nil
}
