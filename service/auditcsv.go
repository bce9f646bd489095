package service

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"sesame/service/msg"
)

// The CSV export of the audit journal is made for a French Excel opened by a
// double-click: UTF-8 with a byte-order mark, ';' between fields, CRLF line ends,
// dates as dd/mm/yyyy HH:MM:SS, one header line, and a last line with the chain's
// head, which an auditor compares with a later export or with `sesame-server audit
// verify`.

// AuditCSVHeader is the export's first line, in French whatever the reader's
// language: the file's format, which Sésame reads back (see AuditCSVHeadLabel).
var AuditCSVHeader = frenchTexts(MsgCSVNumber, MsgCSVDate, MsgCSVAdmin, MsgCSVLogin, MsgCSVAction, MsgCSVKey,
	MsgCSVKeyID, MsgCSVTiers, MsgCSVService, MsgCSVAddress, MsgCSVDetail, MsgCSVHash)

// AuditCSVHeadLabel starts the export's last line: label, number of events in the
// chain, head hash.
var AuditCSVHeadLabel = msg.Text(MsgCSVHead, msg.French, nil)

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

// frenchTexts renders codes in French.
func frenchTexts(codes ...msg.Code) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = msg.Text(c, msg.French, nil)
	}
	return out
}

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

// auditActions are the known actions with the codes of their names, in the order
// the journal's criterion offers them. A new action gets its line here.
var auditActions = []struct {
	action AuditAction
	label  msg.Code
}{
	{AuditGenerate, "audit.action_generate"},
	{AuditRevoke, "audit.action_revoke"},
	{AuditSuspend, "audit.action_suspend"},
	{AuditResume, "audit.action_resume"},
	{AuditRenew, "audit.action_renew"},
	{AuditEndGrace, "audit.action_end_grace"},
	{AuditPolicy, "audit.action_policy"},
	{AuditSignIn, "audit.action_signin"},
	{AuditImport, "audit.action_import"},
	{AuditSealHead, "audit.action_seal"},
}

// AuditActionLabel is the French name of an action, as the export writes it; an
// action this build does not know is shown as stored.
func AuditActionLabel(a AuditAction) string {
	for _, x := range auditActions {
		if x.action == a {
			return msg.Text(x.label, msg.French, nil)
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
