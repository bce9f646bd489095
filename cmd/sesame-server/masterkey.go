package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"sesame/service/masterkey"
)

const masterKeyInitSynopsis = `sesame-server master-key init --file FICHIER

Crée une clé maîtresse (256 bits) dans un nouveau fichier, lisible par son seul
propriétaire (0600). Le serveur en chiffre ses clés de signature et ses secrets dans
la base : une copie de la base sans ce fichier ne permet de fabriquer aucun jeton.
Donnez le même fichier à chaque instance (--master-key-file, ou la variable
SESAME_MASTER_KEY_FILE) et sauvegardez-le à part de la base. N'écrase jamais un
fichier existant.`

const masterKeyRotateSynopsis = `sesame-server master-key rotate --db DSN --master-key-file ANCIEN --new-file NOUVEAU

Crée une nouvelle clé maîtresse dans NOUVEAU (0600) et rechiffre avec elle, en une
transaction, les clés de signature et les secrets de la base. Arrêtez les instances
avant, redémarrez-les ensuite avec --master-key-file NOUVEAU, puis détruisez ANCIEN.`

// masterKeyInitCmd creates a master key file.
func masterKeyInitCmd(_ context.Context, c cmdIO, args []string) error {
	fs := newFlags("master-key init")
	file := fs.String("file", "", "fichier à créer")
	if err := parseOptions(fs, c, masterKeyInitSynopsis, args, "file"); err != nil {
		return err
	}
	k, err := masterkey.Create(*file)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s existe déjà : une clé maîtresse n'est jamais écrasée", *file)
	}
	if err != nil {
		return fmt.Errorf("création de la clé maîtresse : %w", err)
	}
	fmt.Fprintf(c.stdout, "Clé maîtresse créée : %s (empreinte %s). Donnez-la à chaque instance : --master-key-file %s ; sauvegardez-la à part de la base.\n",
		*file, k.ID(), *file)
	return nil
}

// masterKeyRotateCmd seals the database's secrets under a new master key.
func masterKeyRotateCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("master-key rotate")
	db := fs.String("db", "", dbFlagHelp)
	oldFile := fs.String("master-key-file", "", "la clé maîtresse actuelle")
	newFile := fs.String("new-file", "", "le fichier de la nouvelle clé, à créer")
	if err := parseOptions(fs, c, masterKeyRotateSynopsis, args, "db", "master-key-file", "new-file"); err != nil {
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
		return fmt.Errorf("%s existe déjà : une clé maîtresse n'est jamais écrasée", *newFile)
	}
	if err != nil {
		return fmt.Errorf("création de la clé maîtresse : %w", err)
	}
	n, err := st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		plain := v
		if _, sealed := masterkey.SealedBy(v); sealed {
			if plain, err = old.Open(label, v); err != nil {
				return nil, err
			}
		}
		return next.Seal(label, plain), nil
	})
	if err != nil {
		_ = os.Remove(*newFile) // nothing was sealed with it
		return masterKeyError(err, *oldFile)
	}
	fmt.Fprintf(c.stdout, "%d secrets rechiffrés avec la clé maîtresse %s (%s). Redémarrez chaque instance avec --master-key-file %s, puis détruisez %s.\n",
		n, next.ID(), *newFile, *newFile, *oldFile)
	return nil
}

// loadMasterKey reads a master key file, with the operator's sentence on failure.
func loadMasterKey(path string) (*masterkey.Key, error) {
	k, err := masterkey.Load(path)
	switch {
	case errors.Is(err, masterkey.ErrFileOpen):
		return nil, fmt.Errorf("le fichier de clé maîtresse %s est lisible par d'autres que son propriétaire : chmod 600 %s", path, path)
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("le fichier de clé maîtresse %s n'existe pas (sesame-server master-key init --file %s le crée)", path, path)
	case err != nil:
		return nil, fmt.Errorf("clé maîtresse %s illisible : %w", path, err)
	}
	return k, nil
}

// masterKeyError explains a database whose secrets another master key sealed.
func masterKeyError(err error, path string) error {
	var wk *masterkey.WrongKeyError
	if errors.As(err, &wk) {
		return fmt.Errorf("la clé maîtresse %s (empreinte %s) n'est pas celle qui a chiffré les secrets de cette base (empreinte %s) : donnez le bon fichier",
			path, wk.Given, wk.Sealer)
	}
	return err
}

// serveMasterKey is the master key serve runs with, from path (--master-key-file, or
// the file SESAME_MASTER_KEY_FILE names). Without one, serve refuses to start before
// it opens the database.
func serveMasterKey(path string) (*masterkey.Key, error) {
	if path == "" {
		return nil, fmt.Errorf("aucune clé maîtresse : donnez --master-key-file FICHIER (ou %s), le fichier qui a déjà servi à cette base s'il y en a un ; sinon, créez-en un avec sesame-server master-key init --file FICHIER", masterkey.EnvFile)
	}
	return loadMasterKey(path)
}
