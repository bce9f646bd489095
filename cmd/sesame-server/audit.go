package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/safefile"
	"sesame/service/store"
)

var auditExportSynopsis = `sesame-server audit export --db DSN [--out FICHIER.csv] [--tiers CODE[,CODE…]] [--from JJ/MM/AAAA] [--to JJ/MM/AAAA] [--login LOGIN] [--action ACTION] [--key NOM]

Exporte le journal d'audit en CSV pour Excel (UTF-8 avec BOM, séparateur « ; »,
dates JJ/MM/AAAA HH:MM:SS), du plus ancien au plus récent, terminé par la tête de
chaîne. Sans --out, le CSV est écrit sur la sortie standard ; avec --out, le fichier
n'apparaît sous ce nom qu'une fois complet. Actions (--action) : ` + actionList() + "."

const auditVerifySynopsis = `sesame-server audit verify --db DSN [--head N:EMPREINTE]

Vérifie la chaîne d'intégrité de tout le journal d'audit et nomme le premier
événement modifié ou manquant. Avec --head, la tête de chaîne d'un export précédent
(sa dernière ligne : « Tête de chaîne;N;EMPREINTE »), vérifie aussi que l'événement
n° N a toujours cette empreinte : un journal réécrit depuis, empreintes comprises, se
voit alors. Code de sortie 0 si le journal est intègre, 1 sinon.`

// actionList names every action of the journal, as --action takes them, each with
// its French label: « generate (Génération), revoke (Révocation)… ».
func actionList() string {
	var names []string
	for _, a := range service.AuditActions() {
		names = append(names, fmt.Sprintf("%s (%s)", a, service.AuditActionLabel(a)))
	}
	return strings.Join(names, ", ")
}

// auditExportCmd writes the CSV export of the audit trail, every tiers or some.
func auditExportCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("audit export")
	db := fs.String("db", "", dbFlagHelp)
	out := fs.String("out", "", "fichier CSV à écrire (sortie standard sinon)")
	tiers := fs.String("tiers", "", "codes des tiers, séparés par des virgules (tous sinon)")
	from := fs.String("from", "", "premier jour inclus, JJ/MM/AAAA (heure locale)")
	to := fs.String("to", "", "dernier jour inclus, JJ/MM/AAAA (heure locale)")
	login := fs.String("login", "", "identifiant de l'administrateur")
	action := fs.String("action", "", "action : "+actionList())
	key := fs.String("key", "", "le nom de la clé contient")
	if err := parseOptions(fs, c, auditExportSynopsis, args, "db"); err != nil {
		return err
	}
	f := service.AuditFilter{Login: *login, Action: service.AuditAction(*action), KeyName: *key}
	for _, t := range strings.Split(*tiers, ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Tiers = append(f.Tiers, t)
		}
	}
	var err error
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
		return store.ExportAudit(ctx, st, f, c.stdout, time.Local, nil)
	}
	file, err := safefile.Create(*out)
	if err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
	}
	defer file.Abort()
	var n int64
	if err := store.ExportAudit(ctx, st, f, file, time.Local, func(done, _ int64) { n = done }); err != nil {
		return err
	}
	if err := file.Commit(); err != nil {
		return service.Errorf(service.EINTERNAL, service.MsgAuditWrite, err)
	}
	fmt.Fprintf(c.stderr, "%d événements exportés dans %s\n", n, *out)
	return nil
}

// day parses a JJ/MM/AAAA date at local midnight; "" is the zero time.
func day(s, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(s), time.Local)
	if err != nil {
		return t, usagef("--%s : date attendue au format JJ/MM/AAAA : %s", flagName, s)
	}
	return t, nil
}

// auditVerifyCmd checks the whole chain; a broken chain is a failure (exit 1).
func auditVerifyCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("audit verify")
	db := fs.String("db", "", dbFlagHelp)
	headFlag := fs.String("head", "", "tête de chaîne d'un export précédent, N:EMPREINTE")
	if err := parseOptions(fs, c, auditVerifySynopsis, args, "db"); err != nil {
		return err
	}
	var anchor service.AuditHead
	if *headFlag != "" {
		n, h, ok := strings.Cut(strings.ReplaceAll(*headFlag, ";", ":"), ":")
		seq, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		h = strings.ToLower(strings.TrimSpace(h))
		if _, herr := hex.DecodeString(h); !ok || err != nil || seq <= 0 || len(h) != 64 || herr != nil {
			return usagef("--head : N:EMPREINTE attendu (la dernière ligne d'un export) : %s", *headFlag)
		}
		anchor = service.AuditHead{Seq: seq, Hash: h}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	check, err := store.VerifyAuditAnchored(ctx, st, anchor)
	if err != nil {
		return err
	}
	if !check.OK() {
		return brokenChain{check}
	}
	fmt.Fprintln(c.stdout, check.Message())
	fmt.Fprintf(c.stdout, "Tête de chaîne : n° %d, %s\n", check.Head.Seq, check.Head.Hash)
	return nil
}

// brokenChain is the failure of a verification that found a problem.
type brokenChain struct{ check service.AuditCheck }

func (b brokenChain) Error() string { return b.check.Message() }
