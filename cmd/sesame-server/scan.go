package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/scan"
	"sesame/service/store"
)

const scanSynopsis msg.Code = "cli.scan_synopsis"

// scanCmd looks for exposed secrets under the paths given and names the key of each,
// matched by digest against every key of the database.
func scanCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("scan")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	paths, err := parse(fs, c, msg.T(scanSynopsis, nil), args)
	if err != nil {
		return err
	}
	if err := required(fs, "db"); err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("%s", msg.T("cli.scan_no_path", nil))
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	var active int64
	var lookupErr error
	found := func(f scan.Finding) {
		if lookupErr != nil {
			return
		}
		d := [][]byte{f.Digest[:]}
		recs, err := st.KeysByDigest(ctx, d)
		if err != nil {
			lookupErr = err
			return
		}
		m := store.MatchDigests(recs, d, time.Now(), func(string) bool { return true })[0]
		if m.Opens() {
			active++
		}
		fmt.Fprintln(c.stdout, findingLine(f, m))
	}
	rep, err := scan.Run(ctx, paths, scan.Options{}, scan.Handler{Found: found})
	if err == nil {
		err = lookupErr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, scanSummary(msg.Language(), rep.Files, rep.Findings, active))
	fmt.Fprintln(c.stdout, skippedLine(rep.Skipped))
	if active > 0 {
		return errors.New(msg.T("cli.scan_active_found", nil))
	}
	return nil
}

// scanSummary is how a scan ended, counted in words: « 4 fichiers lus, 5 secrets
// trouvés, dont 3 de clés actives. », or only the files and « 0 secret trouvé » when
// nothing was found.
func scanSummary(lang language.Tag, files, found, active int64) string {
	p := msg.Params{
		"Files": msg.Text("cli.scan_n_fichiers", lang, msg.Params{"Count": files}),
		"Found": msg.Text("cli.scan_n_secrets", lang, msg.Params{"Count": found}),
	}
	if found == 0 {
		return msg.Text("cli.scan_summary", lang, p)
	}
	p["Active"] = msg.Text("cli.scan_dont_aucune_active", lang, nil)
	if active > 0 {
		p["Active"] = msg.Text("cli.scan_dont_actives", lang, msg.Params{"Count": active})
	}
	return msg.Text("cli.scan_summary_found", lang, p)
}

// findingLine is one secret found: where, and the key it opens or « clé inconnue ».
func findingLine(f scan.Finding, m service.SecretMatch) string {
	place := f.Path
	if f.Part != "" {
		place += " [" + f.Part + "]"
	}
	place = fmt.Sprintf("%s:%d", place, f.Line)
	if m.Key == nil {
		return msg.T("cli.scan_found_unknown", msg.Params{"Place": place})
	}
	code := msg.Code("cli.scan_found")
	if m.Old {
		code = "cli.scan_found_old"
	}
	return msg.T(code, msg.Params{"Place": place, "Name": m.Key.Name, "ID": m.Key.ID, "Tiers": m.Key.Tiers,
		"Status": statusText(m.Key.Status), "Kind": kindText(*m.Key)})
}

// statusText is a key's status as the desktop's table says it.
func statusText(s service.KeyStatus) string {
	switch s {
	case service.StatusRevoked:
		return msg.T("ui.revoquee", nil)
	case service.StatusExpired:
		return msg.T("ui.expiree", nil)
	case service.StatusSuspended:
		return msg.T("ui.suspendue", nil)
	case service.StatusPending:
		return msg.T("ui.en_attente_remise", nil)
	}
	return msg.T("ui.active", nil)
}

// kindText is a key's kind: « Clé du cabinet », or « Clé partenaire (ACME SAS) ».
func kindText(k service.Key) string {
	if k.Kind == service.KindPartner && k.Partner != nil {
		return msg.T("ui.cle_partenaire_de", msg.Params{"Name": k.Partner.Name})
	}
	return msg.T("ui.cle_du_cabinet", nil)
}

// skippedLine counts what the scan did not read, by cause.
func skippedLine(skipped map[scan.SkipCause]int64) string {
	var parts []string
	for _, cause := range scan.SkipCauses {
		if n := skipped[cause]; n > 0 {
			parts = append(parts, msg.T(cause.Message(), msg.Params{"N": n}))
		}
	}
	if len(parts) == 0 {
		return msg.T("cli.scan_nothing_skipped", nil)
	}
	return msg.T("cli.scan_skipped", msg.Params{"List": strings.Join(parts, ", ")})
}
