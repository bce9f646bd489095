package notify

import (
	"html"
	"strings"
	"time"

	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/msg"
)

// subjects and bodies are the e-mail's sentences per kind of event.
var (
	subjects = map[service.NotifyKind]msg.Code{
		service.NotifyKeyExpiring:      "notify.subject_expiring",
		service.NotifyKeySuspended:     "notify.subject_suspended",
		service.NotifyGraceEnded:       "notify.subject_grace_ended",
		service.NotifyHandoverPickedUp: "notify.subject_picked_up",
		service.NotifyPolicyChanged:    "notify.subject_policy",
		service.NotifyJournalSealed:    "notify.subject_sealed",
	}
	bodies = map[service.NotifyKind]msg.Code{
		service.NotifyKeyExpiring:      "notify.body_expiring",
		service.NotifyKeySuspended:     "notify.body_suspended",
		service.NotifyGraceEnded:       "notify.body_grace_ended",
		service.NotifyHandoverPickedUp: "notify.body_picked_up",
		service.NotifyPolicyChanged:    "notify.body_policy",
		service.NotifyJournalSealed:    "notify.body_sealed",
	}
)

// Language returns the catalogue's language of a stored choice ("fr", "en").
func Language(code string) language.Tag {
	if code == "en" {
		return msg.English
	}
	return msg.French
}

// DetailText is the Detail of a journal event told as kind, in lang, in the words
// the CSV export and the desktop use: a suspension's reason, a policy's rules.
func DetailText(kind service.NotifyKind, detail string, lang language.Tag) string {
	switch kind {
	case service.NotifyKeySuspended:
		return service.SuspensionReasonText(detail, lang)
	case service.NotifyPolicyChanged:
		return service.AuditDetailText(service.AuditEvent{Action: service.AuditPolicy, Detail: detail}, lang, time.UTC)
	}
	return detail
}

// detailTexts is DetailText in each of the catalogue's languages, by language code;
// nil for an empty detail.
func detailTexts(kind service.NotifyKind, detail string) map[string]string {
	if detail == "" {
		return nil
	}
	out := map[string]string{}
	for _, lang := range msg.Languages {
		out[lang.String()] = DetailText(kind, detail, lang)
	}
	return out
}

// Render returns the e-mail of n in lang: its subject, its plain text, and the same
// text in HTML (each line a paragraph, every value escaped).
func Render(n service.Notification, lang language.Tag) (subject, text, htmlText string) {
	p := msg.Params{
		"KeyName": n.KeyName, "KeyID": n.KeyID, "Tiers": n.Tiers, "Service": n.Service,
		"Actor": n.Actor, "Detail": DetailText(n.Kind, n.Detail, lang), "Days": n.Days, "Count": n.Days,
		"ExpiresAt": n.ExpiresAt.UTC().Format("02/01/2006 15:04 UTC"),
		"At":        n.At.UTC().Format("02/01/2006 15:04 UTC"),
		"SealID":    n.SealID, "SealedSeq": n.SealedSeq, "SealedHash": n.SealedHash, "SealMAC": n.SealMAC,
	}
	subject = msg.Text(subjects[n.Kind], lang, p)
	lines := []string{
		msg.Text("notify.mail_greeting", lang, nil),
		msg.Text(bodies[n.Kind], lang, p),
		msg.Text("notify.mail_footer", lang, nil),
	}
	text = strings.Join(lines, "\n\n") + "\n"
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n")
	for _, l := range lines {
		b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(l), "\n", "<br>") + "</p>\n")
	}
	b.WriteString("</body></html>\n")
	return subject, text, b.String()
}
