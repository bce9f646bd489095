package main

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/store"
)

const adminAddSynopsis = `sesame-server admin add --db DSN --login LOGIN --name "NOM Prénom" --tiers CODE[,CODE…] [--replace]

Crée un administrateur (son « passeport ») qui gère les clés des tiers indiqués et de
ceux qui leur sont rattachés ; le premier tiers est son cabinet. Le mot de passe est
lu sur l'entrée standard, ou demandé sans écho dans un terminal ; jamais en argument.
Remplacer le mot de passe ferme aussitôt toutes les sessions de l'administrateur.`

// minPasswordLen is the shortest password accepted (characters).
const minPasswordLen = 12

// adminAddCmd creates (or with --replace, replaces) an administrator.
func adminAddCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("admin add")
	db := fs.String("db", "", dbFlagHelp)
	login := fs.String("login", "", "identifiant de connexion")
	name := fs.String("name", "", `nom affiché, par exemple "DELHUMEAU Vincent"`)
	tiersList := fs.String("tiers", "", "codes des tiers administrés, séparés par des virgules ; le premier est le cabinet")
	replace := fs.Bool("replace", false, "remplace l'administrateur s'il existe (nom, tiers et mot de passe)")
	rest, err := parse(fs, c, adminAddSynopsis, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("argument inattendu (le mot de passe ne se donne jamais en argument)")
	}
	if err := required(fs, "db", "login", "name", "tiers"); err != nil {
		return err
	}
	a := store.Admin{Login: strings.TrimSpace(*login), Name: strings.TrimSpace(*name)}
	if err := checkText(a.Login, "l'identifiant", 100, false); err != nil {
		return err
	}
	if err := checkText(a.Name, "le nom", 100, true); err != nil {
		return err
	}
	for _, code := range strings.Split(*tiersList, ",") {
		code = strings.TrimSpace(code)
		if err := service.ValidateTiersCode(code); err != nil {
			return usagef("code de tiers non valide : %q", code)
		}
		a.Tiers = append(a.Tiers, code)
	}
	a.SICCode = a.Tiers[0]

	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	old, err := st.Admin(ctx, a.Login)
	if err == nil && !*replace {
		return fmt.Errorf("l'administrateur %s existe déjà (--replace pour le remplacer)", a.Login)
	} else if err != nil && service.ErrorCode(err) != service.ENOTFOUND {
		return err
	}
	if err := checkTiersExist(ctx, st, a.Tiers); err != nil {
		return err
	}
	password, err := readPassword(c)
	if err != nil {
		return err
	}
	if a.PasswordHash, err = httpserver.HashPassword(password); err != nil {
		return err
	}
	if err := st.PutAdmin(ctx, a); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Administrateur enregistré : %s (%s), tiers %s\n", a.Login, a.Name, strings.Join(a.Tiers, ", "))
	return endSessionsIfNewPassword(ctx, st, c.stdout, a.Login, old.PasswordHash, password)
}

// checkText refuses a blank, too long or control-character-bearing value; spaces
// only where allowed.
func checkText(s, what string, maxLen int, spaces bool) error {
	if s == "" || len([]rune(s)) > maxLen {
		return usagef("%s doit compter de 1 à %d caractères", what, maxLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) || !spaces && unicode.IsSpace(r) {
			return usagef("%s contient un caractère non autorisé", what)
		}
	}
	return nil
}

// checkTiersExist refuses unknown tiers codes before the password is asked for.
func checkTiersExist(ctx context.Context, st store.Store, codes []string) error {
	all, err := st.Tiers(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, t := range all {
		known[t.Code] = true
	}
	for _, code := range codes {
		if !known[code] {
			return fmt.Errorf("le tiers %s n'existe pas (sesame-server tiers add)", code)
		}
	}
	return nil
}
