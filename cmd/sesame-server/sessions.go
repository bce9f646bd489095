package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"sesame/service/httpserver"
)

const adminRemoveSynopsis = `sesame-server admin remove --db DSN --login LOGIN

Supprime un administrateur et ferme aussitôt toutes ses sessions : ses jetons sont
refusés dès la requête suivante, sur chaque réplique. Ses clés et le journal restent.`

const adminSessionsRevokeSynopsis = `sesame-server admin sessions revoke --db DSN --login LOGIN

Ferme aussitôt toutes les sessions d'un administrateur (poste perdu, départ, doute) :
ses jetons d'accès et de rafraîchissement sont refusés dès la requête suivante, sur
chaque réplique ; il devra se reconnecter avec son mot de passe.`

// adminRemoveCmd deletes an administrator and ends their sessions.
func adminRemoveCmd(ctx context.Context, c cmdIO, args []string) error {
	db, login, err := loginFlags("admin remove", adminRemoveSynopsis, c, args)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Admin(ctx, login); err != nil {
		return err
	}
	// Sessions first: if the removal then failed, the administrator would only have
	// to sign in again.
	n, err := st.RevokeAdminSessions(ctx, login, time.Now())
	if err != nil {
		return err
	}
	if err := st.RemoveAdmin(ctx, login); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Administrateur supprimé : %s ; %s\n", login, sessionsClosed(n))
	return nil
}

// adminSessionsRevokeCmd ends every session of an administrator.
func adminSessionsRevokeCmd(ctx context.Context, c cmdIO, args []string) error {
	db, login, err := loginFlags("admin sessions revoke", adminSessionsRevokeSynopsis, c, args)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Admin(ctx, login); err != nil {
		return err
	}
	n, err := st.RevokeAdminSessions(ctx, login, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s : %s\n", login, sessionsClosed(n))
	return nil
}

// endSessionsIfNewPassword ends the sessions of a replaced administrator whose
// password changed, so that whoever knew the old one is out at once.
func endSessionsIfNewPassword(ctx context.Context, st httpserver.Store, out io.Writer, login, oldHash, password string) error {
	if oldHash == "" {
		return nil
	}
	if same, err := httpserver.VerifyPassword(password, oldHash); err == nil && same {
		return nil
	}
	n, err := st.RevokeAdminSessions(ctx, login, time.Now())
	if err != nil {
		return fmt.Errorf("mot de passe changé, mais ses sessions n'ont pas pu être fermées (relancez sesame-server admin sessions revoke) : %w", err)
	}
	fmt.Fprintf(out, "Nouveau mot de passe : %s\n", sessionsClosed(n))
	return nil
}

// loginFlags parses --db and --login, both required.
func loginFlags(name, synopsis string, c cmdIO, args []string) (db, login string, err error) {
	fs := newFlags(name)
	dbf := fs.String("db", "", dbFlagHelp)
	loginf := fs.String("login", "", "identifiant de l'administrateur")
	rest, err := parse(fs, c, synopsis, args)
	if err != nil {
		return "", "", err
	}
	if len(rest) > 0 {
		return "", "", usagef("argument inattendu : %s", rest[0])
	}
	if err := required(fs, "db", "login"); err != nil {
		return "", "", err
	}
	return *dbf, strings.TrimSpace(*loginf), nil
}

// sessionsClosed says how many sessions were ended, in French.
func sessionsClosed(n int) string {
	switch n {
	case 0:
		return "aucune session ouverte"
	case 1:
		return "1 session fermée"
	}
	return fmt.Sprintf("%d sessions fermées", n)
}
