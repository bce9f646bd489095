package service

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// The keys of the journal's Detail that hold restrictions (Restrictions.String).
const (
	detailRestrictions = "restrictions" // a generation's
	detailBefore       = "before"       // a change's, before and after
	detailAfter        = "after"
)

// The keys of a policy's Detail that say a kind of key needs an address restriction,
// and their sentences.
const (
	detailFirmAddressRequired    = "firm-address-required"
	detailPartnerAddressRequired = "partner-address-required"
)

var addressRuleDetails = map[string]msg.Code{
	detailFirmAddressRequired:    "audit.detail_firm_address_required",
	detailPartnerAddressRequired: "audit.detail_partner_address_required",
}

// restrictionsDetails are the sentences of those keys.
var restrictionsDetails = map[string]msg.Code{
	detailRestrictions: "audit.detail_restrictions",
	detailBefore:       "audit.detail_before",
	detailAfter:        "audit.detail_after",
}

// RestrictDetail is the Detail of a change of restrictions: before and after, in
// Restrictions.String's form, e.g. before="none" after="read-only rate=60 burst=60".
func RestrictDetail(before, after Restrictions) string {
	return detailBefore + "=" + strconv.Quote(before.String()) + " " + detailAfter + "=" + strconv.Quote(after.String())
}

// RestrictionsDetail is the pair a generation's Detail ends with when the key has
// restrictions; "" otherwise.
func RestrictionsDetail(r Restrictions) string {
	if r.IsZero() {
		return ""
	}
	return " " + detailRestrictions + "=" + strconv.Quote(r.String())
}

// msgSeparator parts a list of clauses: " ; " in French, "; " in English.
const msgSeparator msg.Code = "restrict.text_separator"

// RestrictionsText is r in words in lang: « adresses 10.0.0.0/8, 192.0.2.7 ; lecture
// seule ; 60 requêtes par minute (rafale 60) », « aucune » when r restricts nothing.
func RestrictionsText(r Restrictions, lang language.Tag) string {
	if r.IsZero() {
		return msg.Text("restrict.text_none", lang, nil)
	}
	var parts []string
	if len(r.Addresses) > 0 {
		parts = append(parts, msg.Text("restrict.text_addresses", lang, msg.Params{"Addresses": strings.Join(r.AddressStrings(), ", ")}))
	}
	if r.ReadOnly {
		parts = append(parts, msg.Text("restrict.text_read_only", lang, nil))
	}
	if r.RatePerMinute > 0 {
		parts = append(parts, msg.Text("restrict.text_rate", lang, msg.Params{"Rate": r.RatePerMinute, "Burst": r.Burst}))
	}
	return strings.Join(parts, msg.Text(msgSeparator, lang, nil))
}
