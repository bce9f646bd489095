package storetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/msg"
	"sesame/service/store"
)

// paris is a fixed zone an hour east of UTC, as the export's dates are local.
var paris = time.FixedZone("Paris", 3600)

// readExport parses an export as a French Excel would: BOM, ';', and returns its
// lines without the header, which must be French.
func readExport(t *testing.T, b []byte) [][]string {
	t.Helper()
	return readExportIn(t, b, msg.French)
}

// readExportIn is readExport for an export whose header is in lang. The empty line
// before the head line, which ends the table for a spreadsheet, is not returned
// (encoding/csv skips it), but must be there.
func readExportIn(t *testing.T, b []byte, lang language.Tag) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Fatalf("the export does not start with a UTF-8 BOM: %q", b[:min(len(b), 10)])
	}
	if !bytes.Contains(rest, []byte("\r\n")) {
		t.Fatal("the export's lines do not end with CRLF")
	}
	rd := csv.NewReader(bytes.NewReader(rest))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	lines, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if !bytes.Contains(rest, []byte("\r\n\r\n"+service.AuditCSVHeadLabel(lang)+";")) {
		t.Fatalf("no empty line between the table and the head line: %q", rest[max(0, len(rest)-120):])
	}
	if len(lines) < 2 || !slices.Equal(lines[0], service.AuditCSVHeader(lang)) {
		t.Fatalf("export header = %q", lines[0])
	}
	return lines[1:]
}

// testAuditExport: the CSV export holds the selected events oldest first, dates as
// dd/mm/yyyy HH:MM:SS in the given zone, text that a spreadsheet would take for a
// formula defused, each event's hash, and ends with the whole chain's head for the
// operator, with the firm's newest event for a firm (not the chain's head, which
// would tell how many events another firm wrote since); progress starts with the
// total; a cancelled export stops with the context's error.
func testAuditExport(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	k := newKey(t, firm, loop, "=SOMME(A1:A9)", time.Date(2025, 12, 31, 23, 30, 5, 0, time.UTC))
	insert(t, s, k)
	if err := s.AppendAudit(ctx, signIn(base, "203.0.113.9")); err != nil {
		t.Fatal(err)
	}
	other := newKey(t, other, paie, "Autre cabinet", base)
	insert(t, s, other)
	revoke(t, s, k.Key, base.Add(time.Hour))
	insert(t, s, newKey(t, other.Tiers, paie, "Encore l'autre cabinet", base.Add(2*time.Hour)))

	var buf bytes.Buffer
	var reports [][2]int64
	f := service.AuditFilter{Tiers: []string{firm}}
	if err := store.ExportAudit(ctx, s, f, nil, &buf, paris, func(d, n int64) { reports = append(reports, [2]int64{d, n}) }); err != nil {
		t.Fatalf("ExportAudit: %v", err)
	}
	lines := readExport(t, buf.Bytes())
	evs := chainOf(t, s)
	want := []service.AuditEvent{evs[0], evs[1], evs[3]} // the firm's, oldest first
	if len(lines) != len(want)+1 {
		t.Fatalf("export of %d lines, want %d events and the head: %q", len(lines), len(want), lines)
	}
	for i, ev := range want {
		l := lines[i]
		if l[0] != strconv.FormatInt(ev.ID, 10) || l[1] != ev.At.In(paris).Format("02/01/2006 15:04:05") ||
			l[2] != ev.Actor || l[4] != service.AuditActionText(ev.Action, msg.French) || l[6] != ev.KeyID || l[7] != firm+" FUTUROSCOPE CEDEX" || l[11] != ev.Hash {
			t.Fatalf("export line %d = %q, want event %+v", i, l, ev)
		}
	}
	if lines[0][1] != "01/01/2026 00:30:05" || lines[0][5] != "'=SOMME(A1:A9)" || lines[1][9] != "203.0.113.9" {
		t.Fatalf("first lines = %q; want the local date, the defused formula, the address", lines[:2])
	}
	head, _ := s.AuditHead(ctx)
	if last := lines[len(lines)-1]; !slices.Equal(last, []string{service.AuditCSVHeadLabel(msg.French), "5", head.Hash}) {
		t.Fatalf("operator's last line = %q, want the chain's head %+v", last, head)
	}
	if len(reports) == 0 || reports[0] != [2]int64{0, 3} || reports[len(reports)-1] != [2]int64{3, 3} {
		t.Fatalf("progress reports %v; want (0, 3) first and (3, 3) last", reports)
	}
	buf.Reset()
	if err := store.ExportAudit(ctx, s, f, []string{firm}, &buf, paris, nil); err != nil {
		t.Fatalf("the firm's ExportAudit: %v", err)
	}
	firmLines := readExport(t, buf.Bytes())
	if last := firmLines[len(firmLines)-1]; !slices.Equal(last, []string{service.AuditCSVHeadLabel(msg.French), "4", evs[3].Hash}) {
		t.Fatalf("the firm's last line = %q, want its newest event, 4 %s", last, evs[3].Hash)
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	buf.Reset()
	err := store.ExportAudit(cctx, s, service.AuditFilter{}, nil, &buf, paris, func(int64, int64) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled ExportAudit: %v; want context.Canceled", err)
	}
	if bytes.Contains(buf.Bytes(), []byte(service.AuditCSVHeadLabel(msg.French))) {
		t.Fatal("a cancelled export ends with the head line, as if whole")
	}
}

// testAuditExportInWords: the export says what happened in words, in the reader's
// language: the service's name rather than its ID, the tiers' name beside its code,
// the action, and the Detail (the expiry and partner of a generation, the grace of a
// renewal, a policy's maximum, a suspension's reason) instead of its stored codes.
func testAuditExportInWords(t *testing.T, s store.Store) {
	seed(t, s)
	ctx := t.Context()
	k := newKey(t, firm, loop, "Paie production", base)
	expires := time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC) // 1 July at 00:00 in paris
	partner := &service.Partner{Name: "ACME SAS", SIRET: "73282932000074", ContactName: "Jeanne Martin", ContactEmail: "jeanne@acme.fr"}
	ev := event(k.Key, service.AuditGenerate, base)
	ev.Detail = service.GenerateDetail(service.KindPartner, partner, expires)
	if err := s.InsertKey(ctx, k, ev); err != nil {
		t.Fatalf("InsertKey: %v", err)
	}
	more := []service.AuditEvent{
		event(k.Key, service.AuditRenew, base.Add(time.Hour)),
		event(k.Key, service.AuditSuspend, base.Add(2*time.Hour)),
		{At: base.Add(3 * time.Hour), Actor: creator, Action: service.AuditPolicy, Tiers: firm},
	}
	more[0].Detail = service.RenewDetail(service.GraceFirstUse)
	more[1].Detail = "Secret envoyé par e-mail"
	more[2].Detail = service.PolicyDetail(service.KeyPolicy{MaxLifetimeDays: 60, PartnerMaxLifetimeDays: 30})
	for _, ev := range more {
		if err := s.AppendAudit(ctx, ev); err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	}
	for _, c := range []struct {
		lang   language.Tag
		action string
		detail []string
	}{
		{msg.French, "Génération", []string{
			"Expire le 30/06/2026 24:00 ; Clé partenaire : ACME SAS ; SIRET 73282932000074 ; contact : Jeanne Martin ; e-mail : jeanne@acme.fr",
			"Délai de grâce de l'ancien secret : jusqu'à la première utilisation du nouveau secret, plus 24 heures",
			"Motif : Secret envoyé par e-mail",
			"Durée de vie maximale : 60 jours ; Durée de vie maximale des clés partenaires : 30 jours"}},
		{msg.English, "Generation", []string{
			"Expires on 2026-06-30 24:00; Partner key: ACME SAS; SIRET 73282932000074; contact: Jeanne Martin; e-mail: jeanne@acme.fr",
			"Grace period of the old secret: until the new secret's first use, plus 24 hours",
			"Reason: Secret envoyé par e-mail",
			"Maximum lifetime: 60 days; Maximum lifetime of partner keys: 30 days"}},
	} {
		var buf bytes.Buffer
		if err := store.ExportAudit(msg.WithLanguage(ctx, c.lang), s, service.AuditFilter{}, nil, &buf, paris, nil); err != nil {
			t.Fatalf("ExportAudit: %v", err)
		}
		lines := readExportIn(t, buf.Bytes(), c.lang)
		if len(lines) != 5 {
			t.Fatalf("%s export of %d lines, want 4 events and the head: %q", c.lang, len(lines), lines)
		}
		if l := lines[0]; l[4] != c.action || l[7] != firm+" FUTUROSCOPE CEDEX" || l[8] != "Loop APIkey" {
			t.Errorf("%s generation line = %q; want the action %q, the tiers with its name, the service's name", c.lang, l, c.action)
		}
		for i, want := range c.detail {
			if got := lines[i][10]; got != want {
				t.Errorf("%s Detail of line %d = %q, want %q", c.lang, i, got, want)
			}
		}
	}
}
