package service

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sesame/service/msg"
)

// KeyKind says who uses a key: the firm's own applications, or a partner company the
// firm handed it to.
type KeyKind string

// The kinds of key. A key generated without a kind is the firm's.
const (
	KindFirm    KeyKind = "firm"    // « Clé du cabinet »
	KindPartner KeyKind = "partner" // « Clé partenaire »
)

// The sentences of a key's kind and partner, as codes of the message catalogue.
const (
	MsgKindUnknown         msg.Code = "kind.unknown"
	MsgPartnerNameRequired msg.Code = "partner.name_required"
	MsgPartnerFieldTooLong msg.Code = "partner.field_too_long"
	MsgPartnerSIRETInvalid msg.Code = "partner.siret_invalid"
	MsgPartnerEmailInvalid msg.Code = "partner.email_invalid"
	MsgPartnerOnFirmKey    msg.Code = "partner.on_firm_key"
)

// MaxPartnerField is the longest partner name, contact name or e-mail, in characters.
const MaxPartnerField = 200

// Partner is the outside company a partner key was handed to.
type Partner struct {
	Name         string // required
	SIRET        string // optional: 14 digits, Luhn-checked
	ContactName  string // optional
	ContactEmail string // optional
}

// NormalizeKind checks a key's kind and its partner and returns them as stored: an
// empty kind is the firm's; a partner key needs the partner's name; a firm key has
// no partner. Fields are trimmed, the SIRET loses its spaces. EINVALID with the field
// at fault.
func NormalizeKind(kind KeyKind, p *Partner) (KeyKind, *Partner, error) {
	switch kind {
	case "", KindFirm:
		if p != nil && *p != (Partner{}) {
			return "", nil, FieldError("kind", MsgPartnerOnFirmKey)
		}
		return KindFirm, nil, nil
	case KindPartner:
	default:
		return "", nil, FieldError("kind", MsgKindUnknown)
	}
	if p == nil {
		return "", nil, FieldError("partner.name", MsgPartnerNameRequired)
	}
	out := Partner{
		Name:         NormalizeKeyName(p.Name),
		SIRET:        strings.Join(strings.Fields(p.SIRET), ""),
		ContactName:  NormalizeKeyName(p.ContactName),
		ContactEmail: strings.TrimSpace(p.ContactEmail),
	}
	if out.Name == "" {
		return "", nil, FieldError("partner.name", MsgPartnerNameRequired)
	}
	for field, v := range map[string]string{"partner.name": out.Name, "partner.contactName": out.ContactName, "partner.contactEmail": out.ContactEmail} {
		if utf8.RuneCountInString(v) > MaxPartnerField {
			return "", nil, FieldError(field, MsgPartnerFieldTooLong)
		}
	}
	if out.SIRET != "" && !ValidSIRET(out.SIRET) {
		return "", nil, &Error{Code: EINVALID, Field: "partner.siret", Message: MsgPartnerSIRETInvalid, Params: msg.Params{"SIRET": strings.TrimSpace(p.SIRET)}}
	}
	if out.ContactEmail != "" {
		a, err := mail.ParseAddress(out.ContactEmail)
		if err != nil || a.Address != out.ContactEmail || !strings.Contains(a.Address[strings.LastIndexByte(a.Address, '@')+1:], ".") {
			return "", nil, &Error{Code: EINVALID, Field: "partner.contactEmail", Message: MsgPartnerEmailInvalid, Params: msg.Params{"Email": out.ContactEmail}}
		}
	}
	return KindPartner, &out, nil
}

// GenerateDetail is the Detail of a generation's journal event: the expiry chosen
// (expires=RFC 3339 instant in UTC, or expires=none), then, for a partner key, its
// kind and partner, as space-separated key="value" pairs (Go-quoted), e.g.
// expires="2027-01-01T00:00:00Z" kind=partner partner="ACME SAS" siret="73282932000074".
// AuditDetailText puts it in words.
func GenerateDetail(kind KeyKind, p *Partner, expires time.Time) string {
	d := detailExpiresNone
	if !expires.IsZero() {
		d = detailExpires + "=" + strconv.Quote(expires.UTC().Format(time.RFC3339))
	}
	if kind != KindPartner || p == nil {
		return d
	}
	d += " kind=partner partner=" + strconv.Quote(p.Name)
	for _, f := range []struct{ k, v string }{{"siret", p.SIRET}, {"contact", p.ContactName}, {"email", p.ContactEmail}} {
		if f.v != "" {
			d += " " + f.k + "=" + strconv.Quote(f.v)
		}
	}
	return d
}

// ValidSIRET reports whether s is a SIRET: 14 digits whose Luhn sum is a multiple of
// 10. (La Poste's establishments, SIREN 356000000, follow another rule and are
// refused.)
func ValidSIRET(s string) bool {
	if len(s) != 14 {
		return false
	}
	sum := 0
	for i := 0; i < 14; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 0 { // from the right, every second digit: positions 13, 11, … 1 from the left's 0
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
