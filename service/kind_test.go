package service_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

func TestValidSIRET(t *testing.T) {
	for s, want := range map[string]bool{
		"73282932000074": true, "44306184100047": true,
		"73282932000075": false, "12345678901234": false, "7328293200007": false,
		"732829320000741": false, "7328293200007A": false, "": false,
	} {
		if got := service.ValidSIRET(s); got != want {
			t.Errorf("ValidSIRET(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNormalizeKind(t *testing.T) {
	long := strings.Repeat("é", service.MaxPartnerField+1)
	for _, tc := range []struct {
		what    string
		kind    service.KeyKind
		partner *service.Partner
		want    service.KeyKind
		wantP   *service.Partner
		field   string
		code    msg.Code
	}{
		{"no kind is the firm's", "", nil, service.KindFirm, nil, "", ""},
		{"firm", service.KindFirm, &service.Partner{}, service.KindFirm, nil, "", ""},
		{"firm with a partner", service.KindFirm, &service.Partner{Name: "ACME"}, "", nil, "kind", service.MsgPartnerOnFirmKey},
		{"unknown kind", "cabinet", nil, "", nil, "kind", service.MsgKindUnknown},
		{"partner without partner", service.KindPartner, nil, "", nil, "partner.name", service.MsgPartnerNameRequired},
		{"partner without name", service.KindPartner, &service.Partner{Name: "  ", SIRET: "73282932000074"}, "", nil, "partner.name", service.MsgPartnerNameRequired},
		{"partner, name only", service.KindPartner, &service.Partner{Name: "  ACME  SAS "}, service.KindPartner, &service.Partner{Name: "ACME SAS"}, "", ""},
		{"partner, everything", service.KindPartner,
			&service.Partner{Name: "ACME", SIRET: " 732 829 320 00074 ", ContactName: "Jeanne Durand", ContactEmail: " jeanne.durand@acme.fr "},
			service.KindPartner, &service.Partner{Name: "ACME", SIRET: "73282932000074", ContactName: "Jeanne Durand", ContactEmail: "jeanne.durand@acme.fr"}, "", ""},
		{"bad SIRET check digit", service.KindPartner, &service.Partner{Name: "ACME", SIRET: "732 829 320 00075"}, "", nil, "partner.siret", service.MsgPartnerSIRETInvalid},
		{"short SIRET", service.KindPartner, &service.Partner{Name: "ACME", SIRET: "7328293200"}, "", nil, "partner.siret", service.MsgPartnerSIRETInvalid},
		{"e-mail without @", service.KindPartner, &service.Partner{Name: "ACME", ContactEmail: "jeanne.acme.fr"}, "", nil, "partner.contactEmail", service.MsgPartnerEmailInvalid},
		{"e-mail with a display name", service.KindPartner, &service.Partner{Name: "ACME", ContactEmail: "Jeanne <j@acme.fr>"}, "", nil, "partner.contactEmail", service.MsgPartnerEmailInvalid},
		{"e-mail without a domain", service.KindPartner, &service.Partner{Name: "ACME", ContactEmail: "j@localhost"}, "", nil, "partner.contactEmail", service.MsgPartnerEmailInvalid},
		{"name too long", service.KindPartner, &service.Partner{Name: long}, "", nil, "partner.name", service.MsgPartnerFieldTooLong},
	} {
		kind, p, err := service.NormalizeKind(tc.kind, tc.partner)
		if (err == nil) != (tc.code == "") || err != nil && (service.ErrorField(err) != tc.field || service.ErrorMessage(err) != tc.code) {
			t.Errorf("%s: error %v (field %q), want field %q, %q", tc.what, err, service.ErrorField(err), tc.field, tc.code)
			continue
		}
		if err != nil {
			continue
		}
		if kind != tc.want || (p == nil) != (tc.wantP == nil) || (p != nil && *p != *tc.wantP) {
			t.Errorf("%s: %q %+v, want %q %+v", tc.what, kind, p, tc.want, tc.wantP)
		}
	}
}

// The sentence of a wrong SIRET quotes it as typed, in French and in English.
func TestSIRETErrorQuotesIt(t *testing.T) {
	_, _, err := service.NormalizeKind(service.KindPartner, &service.Partner{Name: "ACME", SIRET: "732 829 320 00075"})
	var e *service.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	for _, lang := range msg.Languages {
		if s := msg.Text(e.Message, lang, e.Params); !strings.Contains(s, "732 829 320 00075") {
			t.Errorf("%s: %q does not quote the SIRET", lang, s)
		}
	}
}

func TestGenerateDetail(t *testing.T) {
	if d := service.GenerateDetail(service.KindFirm, nil, time.Time{}); d != "expires=none" {
		t.Errorf("firm key without expiry: %q", d)
	}
	paris := time.FixedZone("Paris", 3600)
	d := service.GenerateDetail(service.KindPartner, &service.Partner{Name: `ACME "Nord"`, SIRET: "73282932000074", ContactEmail: "j@acme.fr"},
		time.Date(2027, 1, 1, 0, 0, 0, 0, paris))
	if d != `expires="2026-12-31T23:00:00Z" kind=partner partner="ACME \"Nord\"" siret="73282932000074" email="j@acme.fr"` {
		t.Errorf("partner key: %s", d)
	}
}
