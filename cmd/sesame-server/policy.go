package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

const firmPolicySynopsis = `sesame-server firm policy --db DSN --max-key-lifetime 365d|aucune [--firm CODE]

Fixe la durée de vie maximale des clés d'API du cabinet : « Jamais » n'est plus
proposé à la génération et une expiration plus lointaine est refusée. Les clés
existantes gardent leur expiration. --firm est facultatif s'il n'y a qu'un cabinet.`

// policyActor is who the audit trail names for a change made from the command line.
const policyActor = "sesame-server (ligne de commande)"

// firmPolicyCmd sets a firm's maximum key lifetime.
func firmPolicyCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("firm policy")
	db := fs.String("db", "", dbFlagHelp)
	firm := fs.String("firm", "", "code SIC du cabinet")
	lifetime := fs.String("max-key-lifetime", "", `durée de vie maximale : "365d", "90d"… ou "aucune"`)
	if err := parseOptions(fs, c, firmPolicySynopsis, args, "db", "max-key-lifetime"); err != nil {
		return err
	}
	pol, err := service.ParseLifetime(*lifetime)
	if err != nil {
		return usagef("%s", msg.T(service.MsgPolicyDays, nil))
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	all, err := st.Tiers(ctx)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(*firm)
	var firms []string
	for _, t := range all {
		if t.AttachedTo == "" {
			firms = append(firms, t.Code)
		}
	}
	switch {
	case code == "" && len(firms) == 1:
		code = firms[0]
	case code == "":
		return usagef("précisez le cabinet avec --firm (cabinets : %s)", strings.Join(firms, ", "))
	}
	found := false
	for _, f := range firms {
		found = found || f == code
	}
	if !found {
		return service.Errorf(service.ENOTFOUND, "Ce cabinet n'existe pas.", nil)
	}
	ev := service.AuditEvent{At: time.Now(), Actor: policyActor, Login: "", Action: service.AuditPolicy, Tiers: code}
	if err := st.SetKeyPolicy(ctx, code, pol, ev); err != nil {
		return err
	}
	if pol.MaxLifetimeDays == 0 {
		fmt.Fprintf(c.stdout, "Cabinet %s : aucune durée de vie maximale des clés d'API.\n", code)
	} else {
		fmt.Fprintf(c.stdout, "Cabinet %s : durée de vie maximale des clés d'API : %d jours.\n", code, pol.MaxLifetimeDays)
	}
	return nil
}
