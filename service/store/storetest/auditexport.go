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

	"sesame/service"
	"sesame/service/store"
)

// paris is a fixed zone an hour east of UTC, as the export's dates are local.
var paris = time.FixedZone("Paris", 3600)

// readExport parses an export as a French Excel would: BOM, ';', and returns its
// lines without the header.
func readExport(t *testing.T, b []byte) [][]string {
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
	if len(lines) < 2 || !slices.Equal(lines[0], service.AuditCSVHeader) {
		t.Fatalf("export header = %q", lines[0])
	}
	return lines[1:]
}

// testAuditExport: the CSV export holds the selected events oldest first, dates as
// dd/mm/yyyy HH:MM:SS in the given zone, text that a spreadsheet would take for a
// formula defused, each event's hash, and ends with the chain's head; progress
// starts with the total; a cancelled export stops with the context's error.
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

	var buf bytes.Buffer
	var reports [][2]int64
	f := service.AuditFilter{Tiers: []string{firm}}
	if err := store.ExportAudit(ctx, s, f, &buf, paris, func(d, n int64) { reports = append(reports, [2]int64{d, n}) }); err != nil {
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
			l[2] != ev.Actor || l[4] != service.AuditActionLabel(ev.Action) || l[6] != ev.KeyID || l[7] != ev.Tiers || l[11] != ev.Hash {
			t.Fatalf("export line %d = %q, want event %+v", i, l, ev)
		}
	}
	if lines[0][1] != "01/01/2026 00:30:05" || lines[0][5] != "'=SOMME(A1:A9)" || lines[1][9] != "203.0.113.9" {
		t.Fatalf("first lines = %q; want the local date, the defused formula, the address", lines[:2])
	}
	head, _ := s.AuditHead(ctx)
	if last := lines[len(lines)-1]; !slices.Equal(last, []string{service.AuditCSVHeadLabel, "4", head.Hash}) {
		t.Fatalf("last line = %q, want the head %+v", last, head)
	}
	if len(reports) == 0 || reports[0] != [2]int64{0, 3} || reports[len(reports)-1] != [2]int64{3, 3} {
		t.Fatalf("progress reports %v; want (0, 3) first and (3, 3) last", reports)
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	buf.Reset()
	err := store.ExportAudit(cctx, s, service.AuditFilter{}, &buf, paris, func(int64, int64) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled ExportAudit: %v; want context.Canceled", err)
	}
	if bytes.Contains(buf.Bytes(), []byte(service.AuditCSVHeadLabel)) {
		t.Fatal("a cancelled export ends with the head line, as if whole")
	}
}
