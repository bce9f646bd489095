package service

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// The CSV export of the audit journal is made for a French Excel opened by a
// double-click: UTF-8 with a byte-order mark, ';' between fields, CRLF line ends,
// dates as dd/mm/yyyy HH:MM:SS, one header line, and a last line with the chain's
// head, which an auditor compares with a later export or with `sesame-server audit
// verify`.

// AuditCSVHeader is the export's first line.
var AuditCSVHeader = []string{"N°", "Date", "Administrateur", "Identifiant", "Action", "Clé d'API",
	"Identifiant de la clé", "Tiers", "Service", "Adresse", "Détail", "Empreinte"}

// AuditCSVHeadLabel starts the export's last line: label, number of events in the
// chain, head hash.
const AuditCSVHeadLabel = "Tête de chaîne"

// AuditCSVDate is the layout of the Date column.
const AuditCSVDate = "02/01/2006 15:04:05"

// utf8BOM tells Excel the file is UTF-8.
const utf8BOM = "\uFEFF"

// AuditCSV streams events as the export's lines; nothing is kept but a small buffer.
type AuditCSV struct {
	w   *csv.Writer
	loc *time.Location
	rec []string
}

// NewAuditCSV writes the byte-order mark and the header; dates are shown in loc.
func NewAuditCSV(w io.Writer, loc *time.Location) (*AuditCSV, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, err
	}
	c := &AuditCSV{w: csv.NewWriter(w), loc: loc, rec: make([]string, len(AuditCSVHeader))}
	c.w.Comma, c.w.UseCRLF = ';', true
	return c, c.w.Write(AuditCSVHeader)
}

// Write adds one event.
func (c *AuditCSV) Write(ev AuditEvent) error {
	r := c.rec
	r[0] = strconv.FormatInt(ev.ID, 10)
	r[1] = ev.At.In(c.loc).Format(AuditCSVDate)
	r[2], r[3] = cell(ev.Actor), cell(ev.Login)
	r[4] = cell(AuditActionLabel(ev.Action))
	r[5], r[6], r[7], r[8] = cell(ev.KeyName), cell(ev.KeyID), cell(ev.Tiers), cell(ev.Service)
	r[9], r[10], r[11] = cell(ev.Addr), cell(ev.Detail), ev.Hash
	return c.w.Write(r)
}

// Close writes the head line and flushes.
func (c *AuditCSV) Close(head AuditHead) error {
	if err := c.w.Write([]string{AuditCSVHeadLabel, strconv.FormatInt(head.Seq, 10), head.Hash}); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// cell keeps a spreadsheet from reading text as a formula: a value starting with
// = + - @ or a tab gets a leading apostrophe, which Excel shows as text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// auditActions are the known actions with their French names, in the order the
// journal's criterion offers them. A new action gets its line here.
var auditActions = []struct {
	action AuditAction
	label  string
}{
	{AuditGenerate, "Génération"},
	{AuditRevoke, "Révocation"},
	{AuditRenew, "Renouvellement du secret"},
	{AuditEndGrace, "Fin de la période de grâce"},
	{AuditPolicy, "Politique d'expiration"},
	{AuditSignIn, "Connexion"},
}

// AuditActionLabel is the French name of an action; an action this build does not
// know is shown as stored.
func AuditActionLabel(a AuditAction) string {
	for _, x := range auditActions {
		if x.action == a {
			return x.label
		}
	}
	return string(a)
}

// AuditActions lists the known actions, in the order the journal's criterion offers
// them.
func AuditActions() []AuditAction {
	out := make([]AuditAction, len(auditActions))
	for i, x := range auditActions {
		out[i] = x.action
	}
	return out
}
