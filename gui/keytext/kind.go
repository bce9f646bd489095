package keytext

import (
	"fyne.io/fyne/v2/lang"

	"sesame/service"
)

// Kind is the key table's « Type »: « Cabinet », or « Partenaire : ACME SAS ».
func Kind(k service.Key) string {
	if k.Kind != service.KindPartner || k.Partner == nil {
		return lang.L("ui.cabinet")
	}
	return lang.L("ui.partenaire_nom", map[string]any{"Name": k.Partner.Name})
}

// KindLine is a key's kind in its details: « Clé du cabinet » or « Clé partenaire ».
func KindLine(k service.Key) string {
	if k.Kind == service.KindPartner {
		return lang.L("ui.cle_partenaire")
	}
	return lang.L("ui.cle_du_cabinet")
}

// PartnerLine is the company a partner key was handed to, with its SIRET when
// known: « ACME SAS — SIRET 73282932000074 »; "" for a firm key.
func PartnerLine(k service.Key) string {
	if k.Partner == nil {
		return ""
	}
	s := k.Partner.Name
	if k.Partner.SIRET != "" {
		s += " — " + lang.L("ui.siret_numero", map[string]any{"SIRET": k.Partner.SIRET})
	}
	return s
}

// ContactLine is who received a partner key: « Jeanne Martin <jeanne.martin@acme.fr> »,
// either part alone, or "" when none was given.
func ContactLine(k service.Key) string {
	if k.Partner == nil {
		return ""
	}
	p := k.Partner
	if p.ContactEmail == "" || p.ContactName == "" {
		return p.ContactName + p.ContactEmail
	}
	return p.ContactName + " <" + p.ContactEmail + ">"
}
