package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"sesame/service/httpserver"
	"sesame/service/msg"
)

const adminRemoveSynopsis msg.Code = "cli.admin_remove_login_login_supprime"

const adminSessionsRevokeSynopsis msg.Code = "cli.admin_sessions_revoke_login_login"

// adminRemoveCmd deletes an administrator and ends their sessions.
func adminRemoveCmd(ctx context.Context, c cmdIO, args []string) error {
	// Sessions first: if the removal then failed, the administrator would only have
	// to sign in again.
	return endAdminSessions(ctx, c, args, "admin remove", msg.T(adminRemoveSynopsis, nil), func(st httpserver.Store, login string, n int) error {
		if err := st.RemoveAdmin(ctx, login); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, msg.T("cli.administrateur_supprime", nil)+"\n", login, sessionsClosed(n))
		return nil
	})
}

// adminSessionsRevokeCmd ends every session of an administrator.
func adminSessionsRevokeCmd(ctx context.Context, c cmdIO, args []string) error {
	return endAdminSessions(ctx, c, args, "admin sessions revoke", msg.T(adminSessionsRevokeSynopsis, nil), func(_ httpserver.Store, login string, n int) error {
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
		return fmt.Errorf(msg.T("cli.mot_passe_change_mais_sessions", nil), err)
	}
	fmt.Fprintf(out, msg.T("cli.nouveau_mot_passe", nil)+"\n", sessionsClosed(n))
	return nil
}

// endAdminSessions reads --db and --login, ends every session of that existing
// administrator, then runs then with the store still open and how many ended.
func endAdminSessions(ctx context.Context, c cmdIO, args []string, name, synopsis string, then func(st httpserver.Store, login string, n int) error) error {
	fs := newFlags(name)
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	loginf := fs.String("login", "", msg.T("cli.identifiant_administrateur", nil))
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
		return msg.T("cli.aucune_session_ouverte", nil)
	case 1:
		return msg.T("cli.session_fermee", nil)
	}
	return fmt.Sprintf(msg.T("cli.sessions_fermees", nil), n)
}
