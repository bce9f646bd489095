package service

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// The CSV export of the audit journal is made for Excel opened by a double-click:
// UTF-8 with a byte-order mark, ';' between fields, CRLF line ends, dates as
// dd/mm/yyyy HH:MM:SS, one header line, then one line per event in the reader's
// language (actions, details, the service's name and the tiers' name in words); after
// an empty line, which ends the table for Excel's sorts and filters, a last line
// with a head, which an auditor compares with a later export or with
// `sesame-server audit verify --head`: the whole chain's in the operator's export,
// the firm's newest event in a firm's (its hash covers the chain before it).

// AuditCSVHeader is the export's first line in lang.
func AuditCSVHeader(lang language.Tag) []string {
	codes := []msg.Code{MsgCSVNumber, MsgCSVDate, MsgCSVAdmin, MsgCSVLogin, MsgCSVAction, MsgCSVKey,
		MsgCSVKeyID, MsgCSVTiers, MsgCSVService, MsgCSVAddress, MsgCSVDetail, MsgCSVHash}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = msg.Text(c, lang, nil)
	}
	return out
}

// AuditCSVHeadLabel starts the export's last line in lang: label, the head's event
// number, its hash.
func AuditCSVHeadLabel(lang language.Tag) string { return msg.Text(MsgCSVHead, lang, nil) }

// IsAuditCSVHeadLine reports whether line (without its end) is an export's head
// line, in either language.
func IsAuditCSVHeadLine(line []byte) bool {
	for _, lang := range []language.Tag{msg.French, msg.English} {
		if bytes.HasPrefix(line, []byte(AuditCSVHeadLabel(lang)+";")) {
			return true
		}
	}
	return false
}

// The sentences of the export, as codes of the message catalogue.
const (
	MsgCSVNumber  msg.Code = "audit.csv_number"
	MsgCSVDate    msg.Code = "audit.csv_date"
	MsgCSVAdmin   msg.Code = "audit.csv_admin"
	MsgCSVLogin   msg.Code = "audit.csv_login"
	MsgCSVAction  msg.Code = "audit.csv_action"
	MsgCSVKey     msg.Code = "audit.csv_key"
	MsgCSVKeyID   msg.Code = "audit.csv_key_id"
	MsgCSVTiers   msg.Code = "audit.csv_tiers"
	MsgCSVService msg.Code = "audit.csv_service"
	MsgCSVAddress msg.Code = "audit.csv_address"
	MsgCSVDetail  msg.Code = "audit.csv_detail"
	MsgCSVHash    msg.Code = "audit.csv_hash"
	MsgCSVHead    msg.Code = "audit.csv_head"
)

// AuditCSVDate is the layout of the Date column.
const AuditCSVDate = "02/01/2006 15:04:05"

// utf8BOM tells Excel the file is UTF-8.
const utf8BOM = "\uFEFF"

// AuditCSVNames are the names the export writes beside codes: each service's by
// its ID, each tiers' by its code. A code without a name is written alone.
type AuditCSVNames struct {
	Services map[string]string
	Tiers    map[string]string
}

// AuditCSV streams events as the export's lines; nothing is kept but a small buffer.
type AuditCSV struct {
	w     *csv.Writer
	loc   *time.Location
	lang  language.Tag
	names AuditCSVNames
	rec   []string
}

// NewAuditCSV writes the byte-order mark and the header in lang; dates are shown in
// loc.
func NewAuditCSV(w io.Writer, loc *time.Location, lang language.Tag, names AuditCSVNames) (*AuditCSV, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, err
	}
	header := AuditCSVHeader(lang)
	c := &AuditCSV{w: csv.NewWriter(w), loc: loc, lang: lang, names: names, rec: make([]string, len(header))}
	c.w.Comma, c.w.UseCRLF = ';', true
	return c, c.w.Write(header)
}

// Write adds one event.
func (c *AuditCSV) Write(ev AuditEvent) error {
	r := c.rec
	r[0] = strconv.FormatInt(ev.ID, 10)
	r[1] = ev.At.In(c.loc).Format(AuditCSVDate)
	r[2], r[3] = cell(ev.Actor), cell(ev.Login)
	r[4] = cell(AuditActionText(ev.Action, c.lang))
	r[5], r[6] = cell(ev.KeyName), cell(ev.KeyID)
	r[7] = cell(ev.Tiers)
	if name := c.names.Tiers[ev.Tiers]; name != "" {
		r[7] = cell(Tiers{Code: ev.Tiers, Name: name}.Label())
	}
	r[8] = cell(ev.Service)
	if name := c.names.Services[ev.Service]; name != "" {
		r[8] = cell(name)
	}
	r[9], r[10], r[11] = cell(ev.Addr), cell(AuditDetailText(ev, c.lang, c.loc)), ev.Hash
	return c.w.Write(r)
}

// Close writes an empty line, the head line and flushes.
func (c *AuditCSV) Close(head AuditHead) error {
	if err := c.w.Write([]string{""}); err != nil {
		return err
	}
	if err := c.w.Write([]string{AuditCSVHeadLabel(c.lang), strconv.FormatInt(head.Seq, 10), head.Hash}); err != nil {
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

// auditActions are the known actions with the codes of their names, in the order
// the journal's criterion offers them. A new action gets its line here.
var auditActions = []struct {
	action AuditAction
	label  msg.Code
}{
	{AuditGenerate, "audit.action_generate"},
	{AuditRevoke, "audit.action_revoke"},
	{AuditHandover, "audit.action_handover"},
	{AuditPickedUp, "audit.action_picked_up"},
	{AuditSuspend, "audit.action_suspend"},
	{AuditResume, "audit.action_resume"},
	{AuditRestrict, "audit.action_restrict"},
	{AuditRenew, "audit.action_renew"},
	{AuditEndGrace, "audit.action_end_grace"},
	{AuditPolicy, "audit.action_policy"},
	{AuditSignIn, "audit.action_signin"},
	{AuditImport, "audit.action_import"},
	{AuditSealHead, "audit.action_seal"},
	{AuditDesktopPublish, "audit.action_desktop_publish"},
	{AuditDesktopRefused, "audit.action_desktop_refused"},
}

// AuditActionText is the name of an action in lang, as the journal and its export
// write it; an action this build does not know is shown as stored.
func AuditActionText(a AuditAction, lang language.Tag) string {
	for _, x := range auditActions {
		if x.action == a {
			return msg.Text(x.label, lang, nil)
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
