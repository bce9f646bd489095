package main

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/msg"
	"sesame/service/store"
)

const adminAddSynopsis msg.Code = "cli.admin_add_login_login_name"

// minPasswordLen is the shortest password accepted (characters).
const minPasswordLen = 12

// adminAddCmd creates (or with --replace, replaces) an administrator.
func adminAddCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("admin add")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	login := fs.String("login", "", msg.T("cli.identifiant_connexion", nil))
	name := fs.String("name", "", msg.T("cli.nom_affiche_exemple_delhumeau_vincent", nil))
	tiersList := fs.String("tiers", "", msg.T("cli.codes_tiers_administres_separes_virgules", nil))
	replace := fs.Bool("replace", false, msg.T("cli.remplace_administrateur_existe_nom_tiers", nil))
	rest, err := parse(fs, c, msg.T(adminAddSynopsis, nil), args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("%s", msg.T("cli.argument_inattendu_mot_passe_donne", nil))
	}
	if err := required(fs, "db", "login", "name", "tiers"); err != nil {
		return err
	}
	a := store.Admin{Login: strings.TrimSpace(*login), Name: strings.TrimSpace(*name)}
	if err := checkText(a.Login, msg.T("cli.identifiant", nil), 100, false); err != nil {
		return err
	}
	if err := checkText(a.Name, msg.T("cli.nom", nil), 100, true); err != nil {
		return err
	}
	for _, code := range strings.Split(*tiersList, ",") {
		code = strings.TrimSpace(code)
		if err := service.ValidateTiersCode(code); err != nil {
			return usagef(msg.T("cli.code_tiers_non_valide", nil), code)
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
		return fmt.Errorf(msg.T("cli.administrateur_existe_deja_replace_remplacer", nil), a.Login)
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
	fmt.Fprintf(c.stdout, msg.T("cli.administrateur_enregistre_tiers", nil)+"\n", a.Login, a.Name, strings.Join(a.Tiers, ", "))
	return endSessionsIfNewPassword(ctx, st, c.stdout, a.Login, old.PasswordHash, password)
}

// checkText refuses a blank, too long or control-character-bearing value; spaces
// only where allowed.
func checkText(s, what string, maxLen int, spaces bool) error {
	if s == "" || len([]rune(s)) > maxLen {
		return usagef(msg.T("cli.doit_compter_caracteres", nil), what, maxLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) || !spaces && unicode.IsSpace(r) {
			return usagef(msg.T("cli.contient_caractere_non_autorise", nil), what)
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
			return fmt.Errorf(msg.T("cli.tiers_existe_tiers_add", nil), code)
		}
	}
	return nil
}
