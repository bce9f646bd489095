package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"sesame/service"
	"sesame/service/masterkey"
	"sesame/service/msg"
)

const masterKeyInitSynopsis msg.Code = "cli.master_key_init_file_fichier"

const masterKeyRotateSynopsis msg.Code = "cli.master_key_rotate_master_key"

// masterKeyInitCmd creates a master key file.
func masterKeyInitCmd(_ context.Context, c cmdIO, args []string) error {
	fs := newFlags("master-key init")
	file := fs.String("file", "", msg.T("cli.fichier_creer", nil))
	if err := parseOptions(fs, c, msg.T(masterKeyInitSynopsis, nil), args, "file"); err != nil {
		return err
	}
	k, err := masterkey.Create(*file)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf(msg.T("cli.existe_deja_cle_maitresse_jamais", nil), *file)
	}
	if err != nil {
		return fmt.Errorf(msg.T("cli.creation_cle_maitresse", nil), err)
	}
	fmt.Fprintf(c.stdout, msg.T("cli.cle_maitresse_creee_empreinte_donnez", nil)+"\n", *file, k.ID(), *file)
	return nil
}

// masterKeyRotateCmd seals the database's secrets under a new master key, and signs
// the journal's seals again with the sealing key it derives, in one transaction.
func masterKeyRotateCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("master-key rotate")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	oldFile := fs.String("master-key-file", "", msg.T("cli.cle_maitresse_actuelle", nil))
	newFile := fs.String("new-file", "", msg.T("cli.fichier_nouvelle_cle_creer", nil))
	if err := parseOptions(fs, c, msg.T(masterKeyRotateSynopsis, nil), args, "db", "master-key-file", "new-file"); err != nil {
		return err
	}
	old, err := loadMasterKey(*oldFile)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	next, err := masterkey.Create(*newFile)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf(msg.T("cli.existe_deja_cle_maitresse_jamais", nil), *newFile)
	}
	if err != nil {
		return fmt.Errorf(msg.T("cli.creation_cle_maitresse", nil), err)
	}
	oldSeal, err := service.NewSealKey(old.AuditSealKey())
	if err != nil {
		return err
	}
	newSeal, err := service.NewSealKey(next.AuditSealKey())
	if err != nil {
		return err
	}
	n, err := st.RotateMasterKey(ctx, func(label string, v []byte) ([]byte, error) {
		plain := v
		if _, sealed := masterkey.SealedBy(v); sealed {
			if plain, err = old.Open(label, v); err != nil {
				return nil, err
			}
		}
		return next.Seal(label, plain), nil
	}, func(se service.AuditSeal) ([]byte, error) {
		// A seal the old key did not make is not vouched for by the new one.
		if !oldSeal.Authentic(se) {
			return nil, fmt.Errorf(msg.T("cli.rotate_seal_not_authentic", nil), se.At.Local().Format("02/01/2006 15:04"), se.Seq)
		}
		return newSeal.Sign(se), nil
	})
	if err != nil {
		_ = os.Remove(*newFile) // nothing was sealed with it
		return masterKeyError(err, *oldFile)
	}
	fmt.Fprintf(c.stdout, msg.T("cli.secrets_rechiffres_avec_cle_maitresse", nil)+"\n", n, next.ID(), *newFile, *newFile, *oldFile)
	return nil
}

// loadMasterKey reads a master key file, with the operator's sentence on failure.
func loadMasterKey(path string) (*masterkey.Key, error) {
	k, err := masterkey.Load(path)
	switch {
	case errors.Is(err, masterkey.ErrFileOpen):
		return nil, fmt.Errorf(msg.T("cli.fichier_cle_maitresse_lisible_autres", nil), path, path)
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf(msg.T("cli.fichier_cle_maitresse_existe_master", nil), path, path)
	case err != nil:
		return nil, fmt.Errorf(msg.T("cli.cle_maitresse_illisible", nil), path, err)
	}
	return k, nil
}

// masterKeyError explains a database whose secrets another master key sealed.
func masterKeyError(err error, path string) error {
	var wk *masterkey.WrongKeyError
	if errors.As(err, &wk) {
		return fmt.Errorf(msg.T("cli.cle_maitresse_empreinte_celle_chiffre", nil), path, wk.Given, wk.Sealer)
	}
	return err
}

// serveMasterKey is the master key serve runs with, from path (--master-key-file, or
// the file SESAME_MASTER_KEY_FILE names). Without one, serve refuses to start before
// it opens the database.
func serveMasterKey(path string) (*masterkey.Key, error) {
	if path == "" {
		return nil, fmt.Errorf(msg.T("cli.aucune_cle_maitresse_donnez_master", nil), masterkey.EnvFile)
	}
	return loadMasterKey(path)
}
