package service_test

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/msg"
)

func TestNormalizeRestrictionsQuotesTheBadEntry(t *testing.T) {
	for _, tc := range []struct {
		entry string
		code  msg.Code
	}{
		{"192.168.1.300", service.MsgRestrictAddressInvalid},
		{"10.0.0.0/33", service.MsgRestrictRangeInvalid},
		{"2001:db8::/129", service.MsgRestrictRangeInvalid},
		{"10.0.0.0/-1", service.MsgRestrictRangeInvalid},
		{"10.0.0.0/08", service.MsgRestrictRangeInvalid},
		{"fe80::1%eth0", service.MsgRestrictZone},
		{"serveur.example.fr", service.MsgRestrictAddressInvalid},
		{"::ffff:10.0.0.0/8", service.MsgRestrictMappedRange},
		{"::ffff:0.0.0.0/95", service.MsgRestrictMappedRange},
	} {
		_, err := service.NormalizeRestrictions(service.RestrictionsInput{Addresses: []string{"192.0.2.1", " " + tc.entry + " "}})
		var e *service.Error
		if !errors.As(err, &e) || e.Code != service.EINVALID || e.Message != tc.code || e.Field != "restrictions.addresses" {
			t.Fatalf("%q: %v, want EINVALID %s", tc.entry, err, tc.code)
		}
		for _, lang := range msg.Languages {
			if text := e.Text(lang); !strings.Contains(text, tc.entry) {
				t.Errorf("%q in %s: %q does not quote it", tc.entry, lang, text)
			}
		}
	}
}

func TestNormalizeRestrictionsMergesOverlaps(t *testing.T) {
	r, err := service.NormalizeRestrictions(service.RestrictionsInput{Addresses: []string{
		"10.1.0.0/16", "10.0.0.0/8", "", "192.0.2.7", "192.0.2.6", "10.2.3.4", "::ffff:198.51.100.9", "2001:db8::1/32", "192.0.2.7",
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/8", "192.0.2.6/31", "198.51.100.9", "2001:db8::/32"}
	if got := r.AddressStrings(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("merged = %v, want %v", got, want)
	}
	if !r.AllowsAddress(netip.MustParseAddr("10.200.0.1")) || !r.AllowsAddress(netip.MustParseAddr("::ffff:192.0.2.7")) ||
		r.AllowsAddress(netip.MustParseAddr("192.0.2.8")) || !r.AllowsAddress(netip.MustParseAddr("2001:db8:ffff::1")) {
		t.Fatal("AllowsAddress disagrees with the merged list")
	}
	back, ok := service.ParseRestrictions(r.String())
	if !ok || !back.Equal(r) {
		t.Fatalf("ParseRestrictions(%q) = %v, %v", r.String(), back, ok)
	}
}

// An IPv4-mapped range of 96 bits or more is its IPv4 range; one shorter would
// cover every IPv4 address and beyond, and is refused (above).
func TestParseAddressEntryMapped(t *testing.T) {
	for in, want := range map[string]string{
		"::ffff:10.0.0.0/104":  "10.0.0.0/8",
		"::ffff:192.0.2.7/128": "192.0.2.7/32",
		"::ffff:0.0.0.0/96":    "0.0.0.0/0",
		"::ffff:192.0.2.7":     "192.0.2.7/32",
	} {
		p, err := service.ParseAddressEntry(in)
		if err != nil || p.String() != want {
			t.Errorf("%q = %v, %v; want %s", in, p, err, want)
		}
	}
}

func TestNormalizeRestrictionsBounds(t *testing.T) {
	many := make([]string, 101)
	for i := range many {
		many[i] = netip.AddrFrom4([4]byte{10, 0, byte(i), 1}).String()
	}
	if _, err := service.NormalizeRestrictions(service.RestrictionsInput{Addresses: many[:100]}); err != nil {
		t.Fatalf("100 entries: %v", err)
	}
	for _, tc := range []struct {
		in   service.RestrictionsInput
		code msg.Code
	}{
		{service.RestrictionsInput{Addresses: many}, service.MsgRestrictTooMany},
		{service.RestrictionsInput{RatePerMinute: 100001}, service.MsgRestrictRateRange},
		{service.RestrictionsInput{RatePerMinute: -1}, service.MsgRestrictRateRange},
		{service.RestrictionsInput{Burst: 5}, service.MsgRestrictBurstWithout},
		{service.RestrictionsInput{RatePerMinute: 10, Burst: 100001}, service.MsgRestrictBurstRange},
	} {
		if _, err := service.NormalizeRestrictions(tc.in); service.ErrorMessage(err) != tc.code {
			t.Errorf("%+v: %v, want %s", tc.in, err, tc.code)
		}
	}
	r, err := service.NormalizeRestrictions(service.RestrictionsInput{RatePerMinute: 100000})
	if err != nil || r.Burst != 100000 {
		t.Fatalf("a rate without burst = %+v, %v; want the burst to be the rate", r, err)
	}
}

func TestCheckRequest(t *testing.T) {
	r, _ := service.NormalizeRestrictions(service.RestrictionsInput{Addresses: []string{"192.0.2.0/24"}, ReadOnly: true})
	in, out := netip.MustParseAddr("192.0.2.9"), netip.MustParseAddr("198.51.100.1")
	for _, tc := range []struct {
		method string
		addr   netip.Addr
		want   service.Refusal
	}{
		{"GET", in, ""}, {"HEAD", in, ""}, {"OPTIONS", in, ""},
		{"POST", in, service.RefusalReadOnly}, {"DELETE", in, service.RefusalReadOnly},
		{"GET", out, service.RefusalAddress}, {"GET", netip.Addr{}, service.RefusalAddress},
	} {
		if got := r.CheckRequest(tc.method, tc.addr); got != tc.want {
			t.Errorf("%s from %v: %q, want %q", tc.method, tc.addr, got, tc.want)
		}
	}
	if got := (service.Restrictions{}).CheckRequest("DELETE", netip.Addr{}); got != "" {
		t.Errorf("no restriction refused %q", got)
	}
}

func TestAddressRule(t *testing.T) {
	pol := service.KeyPolicy{PartnerAddressRequired: true}
	if err := pol.CheckAddressRule(service.KindFirm, service.Restrictions{}); err != nil {
		t.Fatalf("firm key without the rule: %v", err)
	}
	err := pol.CheckAddressRule(service.KindPartner, service.Restrictions{ReadOnly: true})
	if service.ErrorMessage(err) != service.MsgPartnerAddressRequired {
		t.Fatalf("partner key without addresses: %v", err)
	}
	r, _ := service.NormalizeRestrictions(service.RestrictionsInput{Addresses: []string{"192.0.2.1"}})
	if err := pol.CheckAddressRule(service.KindPartner, r); err != nil {
		t.Fatalf("partner key with an address: %v", err)
	}
}

func FuzzParseAddressEntry(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "10.0.0.0/8", "fe80::1%eth0", "::ffff:1.2.3.4/120", "1.2.3.4/", "/8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := service.ParseAddressEntry(s)
		if err != nil {
			return
		}
		if !p.IsValid() || p != p.Masked() || p.Addr().Zone() != "" || p.Addr().Is4In6() {
			t.Fatalf("%q gave %v", s, p)
		}
	})
}
