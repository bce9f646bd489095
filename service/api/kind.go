package api

import "sesame/service"

// Partner is the company a partner key was handed to; SIRET, contact name and
// e-mail are omitted when not given.
type Partner struct {
	Name         string `json:"name"`
	SIRET        string `json:"siret,omitempty"`
	ContactName  string `json:"contactName,omitempty"`
	ContactEmail string `json:"contactEmail,omitempty"`
}

func fromPartner(p *service.Partner) *Partner {
	if p == nil {
		return nil
	}
	return &Partner{Name: p.Name, SIRET: p.SIRET, ContactName: p.ContactName, ContactEmail: p.ContactEmail}
}

func (p *Partner) toPartner() *service.Partner {
	if p == nil {
		return nil
	}
	return &service.Partner{Name: p.Name, SIRET: p.SIRET, ContactName: p.ContactName, ContactEmail: p.ContactEmail}
}
