package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/api"
	"sesame/service/msg"
	"sesame/service/safefile"
	"sesame/service/store"
)

var auditExportSynopsis = msg.T("cli.audit_export_out_fichier_csv", nil) +
	actionList() + "."

const auditVerifySynopsis msg.Code = "cli.audit_verify_head_empreinte_verifie"

// actionList names every action of the journal, as --action takes them (the API's
// names, as GET /v1/audit?action= does), each with its label in the operator's
// language: « generate (Génération), revoke (Révocation)… ».
func actionList() string {
	var names []string
	for _, a := range service.AuditActions() {
		names = append(names, fmt.Sprintf("%s (%s)", api.WireAction(a), service.AuditActionText(a, msg.Language())))
	}
	return strings.Join(names, ", ")
}

// auditAction reads --action: empty for every action, else one of actionList's.
func auditAction(s string) (service.AuditAction, error) {
	if s = strings.TrimSpace(s); s == "" {
		return "", nil
	}
	a, ok := api.ParseAction(s)
	if !ok {
		return "", usageError{msg: msg.T("cli.audit_action_unknown", msg.Params{"Action": s, "List": actionList()})}
	}
	return a, nil
}

// auditExportCmd writes the CSV export of the audit trail, every tiers or some,
// ending with the whole chain's head: the operator's, whatever tiers it selects.
func auditExportCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("audit export")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	out := fs.String("out", "", msg.T("cli.fichier_csv_ecrire_sortie_standard", nil))
	tiers := fs.String("tiers", "", msg.T("cli.codes_tiers_separes_virgules_tous", nil))
	from := fs.String("from", "", msg.T("cli.premier_jour_inclus_jj_mm", nil))
	to := fs.String("to", "", msg.T("cli.dernier_jour_inclus_jj_mm", nil))
	login := fs.String("login", "", msg.T("cli.identifiant_administrateur", nil))
	action := fs.String("action", "", fmt.Sprintf(msg.T("cli.action_liste", nil), actionList()))
	key := fs.String("key", "", msg.T("cli.nom_cle_contient", nil))
	if err := parseOptions(fs, c, auditExportSynopsis, args, "db"); err != nil {
		return err
	}
	f := service.AuditFilter{Login: *login, KeyName: *key}
	var err error
	if f.Action, err = auditAction(*action); err != nil {
		return err
	}
	for _, t := range strings.Split(*tiers, ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Tiers = append(f.Tiers, t)
		}
	}
	if f.From, err = day(*from, "from"); err != nil {
		return err
	}
	if f.To, err = day(*to, "to"); err != nil {
		return err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the last day is included
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		return store.ExportAudit(ctx, st, f, nil, c.stdout, time.Local, nil)
	}
	file, err := safefile.Create(*out)
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
	}
	defer file.Abort()
	var n int64
	if err := store.ExportAudit(ctx, st, f, nil, file, time.Local, func(done, _ int64) { n = done }); err != nil {
		return err
	}
	if err := file.Commit(); err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
	}
	fmt.Fprintf(c.stderr, msg.T("cli.evenements_exportes", nil)+"\n", n, *out)
	return nil
}

// day parses a JJ/MM/AAAA date at local midnight; "" is the zero time.
func day(s, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(s), time.Local)
	if err != nil {
		return t, usagef(msg.T("cli.date_attendue_jj_mm_aaaa", nil), flagName, s)
	}
	return t, nil
}

// auditVerifyCmd checks the whole chain and its seals (with the master key's sealing
// key); a broken chain, or seals without the key to check them, is a failure (exit 1).
func auditVerifyCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("audit verify")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	headFlag := fs.String("head", "", msg.T("cli.tete_chaine_export_precedent_empreinte", nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.cle_maitresse_verifie_sceaux", nil))
	if err := parseOptions(fs, c, msg.T(auditVerifySynopsis, nil), args, "db"); err != nil {
		return err
	}
	var anchor service.AuditHead
	if *headFlag != "" {
		n, h, ok := strings.Cut(strings.ReplaceAll(*headFlag, ";", ":"), ":")
		seq, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		h = strings.ToLower(strings.TrimSpace(h))
		if _, herr := hex.DecodeString(h); !ok || err != nil || seq <= 0 || len(h) != 64 || herr != nil {
			return usagef(msg.T("cli.head_empreinte_attendu_derniere_ligne", nil), *headFlag)
		}
		anchor = service.AuditHead{Seq: seq, Hash: h}
	}
	key, err := auditSealKey(*mkFile, false)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	check, err := store.VerifyAuditAnchored(ctx, st, anchor, key)
	if err != nil {
		return err
	}
	if !check.OK() {
		return brokenChain{check}
	}
	fmt.Fprintln(c.stdout, check.Message())
	fmt.Fprintf(c.stdout, msg.T("cli.tete_chaine", nil)+"\n", check.Head.Seq, check.Head.Hash)
	return nil
}

// brokenChain is the failure of a verification that found a problem.
type brokenChain struct{ check service.AuditCheck }

func (b brokenChain) Error() string { return b.check.Message() }
