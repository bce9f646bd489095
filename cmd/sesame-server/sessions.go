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
	// Sessions first: if the removal then failed, the administrator would only have
	// to sign in again.
	return endAdminSessions(ctx, c, args, "admin remove", adminRemoveSynopsis, func(st httpserver.Store, login string, n int) error {
		if err := st.RemoveAdmin(ctx, login); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "Administrateur supprimé : %s ; %s\n", login, sessionsClosed(n))
		return nil
	})
}

// adminSessionsRevokeCmd ends every session of an administrator.
func adminSessionsRevokeCmd(ctx context.Context, c cmdIO, args []string) error {
	return endAdminSessions(ctx, c, args, "admin sessions revoke", adminSessionsRevokeSynopsis, func(_ httpserver.Store, login string, n int) error {
		fmt.Fprintf(c.stdout, "%s : %s\n", login, sessionsClosed(n))
		return nil
	})
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

// endAdminSessions reads --db and --login, ends every session of that existing
// administrator, then runs then with the store still open and how many ended.
func endAdminSessions(ctx context.Context, c cmdIO, args []string, name, synopsis string, then func(st httpserver.Store, login string, n int) error) error {
	fs := newFlags(name)
	db := fs.String("db", "", dbFlagHelp)
	loginf := fs.String("login", "", "identifiant de l'administrateur")
	if err := parseOptions(fs, c, synopsis, args, "db", "login"); err != nil {
		return err
	}
	login := strings.TrimSpace(*loginf)
	st, err := openStore(ctx, *db)
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
	return then(st, login, n)
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
