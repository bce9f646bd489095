package service

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// An event's Detail is stored as written when it happened: space-separated key=value
// pairs (values Go-quoted when they may hold spaces), a free text (a suspension's
// reason), or a fixed word. AuditDetailText puts it in words for people (the CSV
// export); the stored form stays what the chain's hashes cover.

// The keys of the pairs a Detail holds.
const (
	detailExpires     = "expires"
	detailExpiresNone = detailExpires + "=none"
	detailGrace       = "grace"
	detailMaxLifetime = "max-lifetime-days"
	detailLinkUntil   = "link-until"

	detailPartnerMaxLifetime = "partner-max-lifetime-days"
)

// HandoverDetail is the Detail of a pickup link's journal event: when the link ends.
func HandoverDetail(until time.Time) string {
	return detailLinkUntil + "=" + until.UTC().Format(time.RFC3339)
}

// RenewDetail is the Detail of a renewal's journal event: the grace period chosen.
func RenewDetail(g Grace) string { return detailGrace + "=" + string(g) }

// PolicyDetail is the Detail of a policy change: the new maximum lifetime in days (0
// for none), and the partner keys' own when there is one.
func PolicyDetail(pol KeyPolicy) string {
	d := detailMaxLifetime + "=" + strconv.Itoa(pol.MaxLifetimeDays)
	if pol.PartnerMaxLifetimeDays > 0 {
		d += " " + detailPartnerMaxLifetime + "=" + strconv.Itoa(pol.PartnerMaxLifetimeDays)
	}
	if pol.FirmAddressRequired {
		d += " " + detailFirmAddressRequired + "=yes"
	}
	if pol.PartnerAddressRequired {
		d += " " + detailPartnerAddressRequired + "=yes"
	}
	return d
}

// The sentences of details in words, as codes of the message catalogue.
const (
	MsgDetailExpires            msg.Code = "audit.detail_expires"
	MsgDetailNoExpiry           msg.Code = "audit.detail_no_expiry"
	MsgDetailPartner            msg.Code = "audit.detail_partner"
	MsgDetailSIRET              msg.Code = "audit.detail_siret"
	MsgDetailContact            msg.Code = "audit.detail_contact"
	MsgDetailEmail              msg.Code = "audit.detail_email"
	MsgDetailGrace              msg.Code = "audit.detail_grace"
	MsgDetailGraceRanOut        msg.Code = "audit.detail_grace_ran_out"
	MsgDetailMaxLifetime        msg.Code = "audit.detail_max_lifetime"
	MsgDetailNoMaxLife          msg.Code = "audit.detail_no_max_lifetime"
	MsgDetailPartnerMaxLifetime msg.Code = "audit.detail_partner_max_lifetime"
	MsgDetailReason             msg.Code = "audit.detail_reason"
	MsgDetailGraceNone          msg.Code = "audit.grace_none"
	MsgDetailGraceHour          msg.Code = "audit.grace_1h"
	MsgDetailGraceDay           msg.Code = "audit.grace_24h"
	MsgDetailGraceWeek          msg.Code = "audit.grace_7d"
	MsgDetailGraceFirstUse      msg.Code = "audit.grace_first_use"
)

// graceTexts are the words of each grace period.
var graceTexts = map[Grace]msg.Code{
	GraceNone: MsgDetailGraceNone, GraceHour: MsgDetailGraceHour, GraceDay: MsgDetailGraceDay,
	GraceWeek: MsgDetailGraceWeek, GraceFirstUse: MsgDetailGraceFirstUse,
}

// AuditDetailText is ev's Detail in words in lang, instants in loc (dd/mm/yyyy HH:MM
// in French, yyyy-mm-dd HH:MM in English); a Detail it does not know is given as
// stored.
func AuditDetailText(ev AuditEvent, lang language.Tag, loc *time.Location) string {
	d := ev.Detail
	switch {
	case d == "":
		return ""
	case ev.Action == AuditSuspend || ev.Action == AuditResume:
		return msg.Text(MsgDetailReason, lang, msg.Params{"Reason": SuspensionReasonText(d, lang)})
	case ev.Action == AuditEndGrace && d == AuditDetailGraceRanOut:
		return msg.Text(MsgDetailGraceRanOut, lang, nil)
	}
	pairs, ok := detailPairs(d)
	if !ok {
		return d
	}
	var parts []string
	for _, p := range pairs {
		var s string
		switch p.key {
		case detailExpires:
			if p.value == "none" {
				s = msg.Text(MsgDetailNoExpiry, lang, nil)
			} else if t, err := time.Parse(time.RFC3339, p.value); err == nil {
				s = msg.Text(MsgDetailExpires, lang, msg.Params{"Date": expiryInstant(t.In(loc), instantLayout(lang))})
			}
		case "kind":
			continue // said by the partner's pair
		case detailFirmAddressRequired, detailPartnerAddressRequired:
			if p.value == "yes" {
				s = msg.Text(addressRuleDetails[p.key], lang, nil)
			}
		case detailRestrictions, detailBefore, detailAfter:
			if r, ok := ParseRestrictions(p.value); ok {
				s = msg.Text(restrictionsDetails[p.key], lang, msg.Params{"Restrictions": RestrictionsText(r, lang)})
			}
		case "partner":
			s = msg.Text(MsgDetailPartner, lang, msg.Params{"Partner": p.value})
		case "siret":
			s = msg.Text(MsgDetailSIRET, lang, msg.Params{"SIRET": p.value})
		case "contact":
			s = msg.Text(MsgDetailContact, lang, msg.Params{"Contact": p.value})
		case "email":
			s = msg.Text(MsgDetailEmail, lang, msg.Params{"Email": p.value})
		case detailGrace:
			if c, known := graceTexts[Grace(p.value)]; known {
				s = msg.Text(MsgDetailGrace, lang, msg.Params{"Grace": msg.Text(c, lang, nil)})
			}
		case detailLinkUntil:
			if t, err := time.Parse(time.RFC3339, p.value); err == nil {
				s = msg.Text(MsgDetailHandoverUntil, lang, msg.Params{"Date": t.In(loc).Format(instantLayout(lang))})
			}
		case detailPartnerMaxLifetime:
			if n, err := strconv.Atoi(p.value); err == nil && n > 0 {
				s = msg.Text(MsgDetailPartnerMaxLifetime, lang, msg.Params{"Count": n})
			}
		case detailMaxLifetime:
			if n, err := strconv.Atoi(p.value); err == nil && n > 0 {
				s = msg.Text(MsgDetailMaxLifetime, lang, msg.Params{"Count": n})
			} else if err == nil {
				s = msg.Text(MsgDetailNoMaxLife, lang, nil)
			}
		}
		if s == "" {
			return d // a pair this build does not know: the whole Detail as stored
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, msg.Text(msgSeparator, lang, nil))
}

// instantLayout is how an instant is written in lang, to the minute.
func instantLayout(lang language.Tag) string {
	if msg.Base(lang) == msg.French {
		return "02/01/2006 15:04"
	}
	return "2006-01-02 15:04"
}

// expiryInstant is an expiry as the app shows it: a key that lives through the day
// it was given expires at the next midnight, said as that day's "24:00" (a key given
// 30/06 reads "30/06/2026 24:00", not "01/07/2026 00:00", which reads as a day more).
func expiryInstant(t time.Time, layout string) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.AddDate(0, 0, -1).Format(strings.TrimSuffix(layout, "15:04")) + "24:00"
	}
	return t.Format(layout)
}

// detailPair is one key=value of a Detail.
type detailPair struct{ key, value string }

// detailPairs reads d as key=value pairs, values bare words or Go-quoted strings;
// ok is false when d is not in that form.
func detailPairs(d string) (pairs []detailPair, ok bool) {
	for rest := d; rest != ""; {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 || strings.ContainsAny(rest[:eq], " \"") {
			return nil, false
		}
		key, rest2 := rest[:eq], rest[eq+1:]
		var value string
		if strings.HasPrefix(rest2, `"`) {
			q, err := strconv.QuotedPrefix(rest2)
			if err != nil {
				return nil, false
			}
			value, _ = strconv.Unquote(q)
			rest2 = rest2[len(q):]
		} else {
			end := strings.IndexByte(rest2, ' ')
			if end < 0 {
				end = len(rest2)
			}
			value, rest2 = rest2[:end], rest2[end:]
		}
		if rest2 != "" && rest2[0] != ' ' {
			return nil, false
		}
		pairs = append(pairs, detailPair{key, value})
		rest = strings.TrimPrefix(rest2, " ")
	}
	return pairs, true
}
