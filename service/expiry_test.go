package service

import (
	"strings"
	"testing"
	"time"

	"sesame/internal/localdate"
	"sesame/service/msg"
)

func TestExpiryResolve(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	year := KeyPolicy{MaxLifetimeDays: 365}
	for _, tc := range []struct {
		name string
		e    Expiry
		p    KeyPolicy
		want time.Time
		msg  msg.Code
	}{
		{"never, no policy", Expiry{}, KeyPolicy{}, time.Time{}, ""},
		{"never under a policy", Expiry{}, year, time.Time{}, MsgExpiryRequired},
		{"30 days", Expiry{Days: 30}, KeyPolicy{}, now.Add(30 * 24 * time.Hour), ""},
		{"365 days at the maximum", Expiry{Days: 365}, year, now.Add(365 * 24 * time.Hour), ""},
		{"366 days over the maximum", Expiry{Days: 366}, year, time.Time{}, MsgExpiryTooFar},
		{"date within", Expiry{At: now.AddDate(0, 6, 0)}, year, now.AddDate(0, 6, 0), ""},
		{"date beyond", Expiry{At: now.AddDate(2, 0, 0)}, year, time.Time{}, MsgExpiryTooFar},
		{"date in the past", Expiry{At: now.Add(-time.Second)}, KeyPolicy{}, time.Time{}, MsgExpiryPast},
		{"date now", Expiry{At: now}, KeyPolicy{}, time.Time{}, MsgExpiryPast},
		{"both", Expiry{Days: 30, At: now.Add(time.Hour)}, KeyPolicy{}, time.Time{}, MsgExpiryInvalid},
		{"negative days", Expiry{Days: -1}, KeyPolicy{}, time.Time{}, MsgExpiryInvalid},
		{"absurd days", Expiry{Days: 1 << 30}, KeyPolicy{}, time.Time{}, MsgExpiryInvalid},
	} {
		got, err := tc.e.Resolve(now, tc.p)
		if ErrorMessage(err) != tc.msg && !(tc.msg == "" && err == nil) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.msg)
		}
		if err != nil && ErrorField(err) != "expiry" {
			t.Errorf("%s: field %q, want expiry", tc.name, ErrorField(err))
		}
		if !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestParseExpiryDate(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	if paris == nil {
		paris = time.FixedZone("CET", 3600)
	}
	want := time.Date(2027, 3, 5, 0, 0, 0, 0, paris)
	for _, s := range []string{"05/03/2027", "5/3/2027", " 05-03-2027 ", "05.03.2027", "2027-03-05"} {
		if got, err := ParseExpiryDate(s, paris); err != nil || !got.Equal(want) {
			t.Errorf("ParseExpiryDate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "demain", "31/02/2027", "05/13/2027", "2027/03/05", "05/03/27"} {
		if _, err := ParseExpiryDate(s, paris); ErrorText(err, msg.French) != "Entrez la date d'expiration sous la forme jj/mm/aaaa." {
			t.Errorf("ParseExpiryDate(%q): %v, want %q", s, err, MsgExpiryUnparseable)
		}
	}
}

// TestParseExpiryDateFollowsTheLocale: in the United States 03/05/2027 is 5 March.
func TestParseExpiryDateFollowsTheLocale(t *testing.T) {
	localdate.Use(localdate.ForLocale("en-US"))
	t.Cleanup(func() { localdate.Use(localdate.DayFirst) })
	want := time.Date(2027, 3, 5, 0, 0, 0, 0, time.UTC)
	if got, err := ParseExpiryDate("03/05/2027", time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("en-US: ParseExpiryDate(03/05/2027) = %v, %v; want %v", got, err, want)
	}
	// The refusal names the form in the locale's order, in the user's language.
	msg.SetLanguage(msg.English)
	t.Cleanup(func() { msg.SetLanguage(msg.French) })
	_, err := ParseExpiryDate("31/12/2027", time.UTC)
	if got := ErrorText(err, msg.English); got != "Enter the expiry date as mm/dd/yyyy." {
		t.Errorf("en-US refusal: %q", got)
	}
}

func FuzzParseExpiryDate(f *testing.F) {
	for _, s := range []string{"05/03/2027", "2027-03-05", "\x00", "99/99/9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseExpiryDate(s, time.UTC)
		if err == nil && (d.Hour() != 0 || d.Minute() != 0) {
			t.Fatalf("%q parsed to %v, not midnight", s, d)
		}
	})
}

func TestParseLifetime(t *testing.T) {
	for s, want := range map[string]int{"365d": 365, "90": 90, " 30J ": 30, "none": 0, "aucune": 0, "jamais": 0, "0": 0, "": 0} {
		p, err := ParseLifetime(s)
		if want < 0 {
			if err == nil {
				t.Errorf("ParseLifetime(%q) = %+v; want an error", s, p)
			}
			continue
		}
		if err != nil || p.MaxLifetimeDays != want {
			t.Errorf("ParseLifetime(%q) = %+v, %v; want %d", s, p, err, want)
		}
	}
	for _, s := range []string{"-5d", "12m", "1y", "36501d", "abc"} {
		if _, err := ParseLifetime(s); ErrorMessage(err) != MsgPolicyDays {
			t.Errorf("ParseLifetime(%q): %v; want %q", s, err, MsgPolicyDays)
		}
	}
}

func TestKeyAt(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	k := Key{Status: StatusActive, ExpiresAt: now, OldSecret: &OldSecret{Until: now.Add(time.Hour)}}
	if got := k.At(now.Add(-time.Microsecond)); got.Status != StatusActive || got.OldSecret == nil {
		t.Fatalf("before expiry: %+v", got)
	}
	if got := k.At(now); got.Status != StatusExpired || got.Usable(now) {
		t.Fatalf("at expiry: %+v", got)
	}
	if got := k.At(now.Add(time.Hour)); got.OldSecret != nil {
		t.Fatal("old secret shown after its grace")
	}
	waiting := Key{Status: StatusActive, OldSecret: &OldSecret{}}
	if got := waiting.At(now.AddDate(10, 0, 0)); got.OldSecret == nil {
		t.Fatal("an old secret waiting for the first use vanished")
	}
	revoked := Key{Status: StatusRevoked, ExpiresAt: now}
	if got := revoked.At(now); got.Status != StatusRevoked {
		t.Fatalf("revoked and expired shows %s", got.Status)
	}
}

func TestGraces(t *testing.T) {
	for _, g := range Graces {
		if !g.Valid() {
			t.Errorf("%s not valid", g)
		}
	}
	if Grace("2h").Valid() || Grace("").Valid() {
		t.Error("unknown grace valid")
	}
	if d, fixed := GraceWeek.Duration(); !fixed || d != 7*24*time.Hour {
		t.Errorf("7d = %v", d)
	}
	if _, fixed := GraceFirstUse.Duration(); fixed {
		t.Error("first-use has a fixed duration")
	}
}

func TestDailyUses(t *testing.T) {
	now := time.Date(2026, 11, 27, 23, 59, 0, 0, time.UTC)
	d := DayOf(now)
	got := DailyUses(map[int64]int64{d: 4, d - 29: 1, d - 30: 9}, now)
	if len(got) != UsageDays || got[0].Uses != 1 || got[29].Uses != 4 || !got[29].Day.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("DailyUses = %+v", got)
	}
}

// The partner keys' own maximum: it applies to partner keys only, and its refusals
// name it with its days; without it partner keys follow the firm's maximum.
func TestExpiryResolveForKind(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	both := KeyPolicy{MaxLifetimeDays: 365, PartnerMaxLifetimeDays: 90}
	for _, tc := range []struct {
		name string
		e    Expiry
		p    KeyPolicy
		k    KeyKind
		msg  msg.Code
	}{
		{"firm key, 365 days", Expiry{Days: 365}, both, KindFirm, ""},
		{"partner key, 90 days", Expiry{Days: 90}, both, KindPartner, ""},
		{"partner key, 91 days", Expiry{Days: 91}, both, KindPartner, MsgPartnerExpiryTooFar},
		{"partner key, never", Expiry{}, both, KindPartner, MsgPartnerExpiryRequired},
		{"partner key, past", Expiry{At: now.Add(-time.Hour)}, both, KindPartner, MsgExpiryPast},
		{"partner rule alone, firm key never", Expiry{}, KeyPolicy{PartnerMaxLifetimeDays: 30}, KindFirm, ""},
		{"partner rule alone, partner key never", Expiry{}, KeyPolicy{PartnerMaxLifetimeDays: 30}, KindPartner, MsgPartnerExpiryRequired},
		{"no partner rule, partner key 366 days", Expiry{Days: 366}, KeyPolicy{MaxLifetimeDays: 365}, KindPartner, MsgExpiryTooFar},
		{"partner rule longer than the firm's", Expiry{Days: 500}, KeyPolicy{MaxLifetimeDays: 365, PartnerMaxLifetimeDays: 730}, KindPartner, ""},
	} {
		_, err := tc.e.ResolveFor(now, tc.p, tc.k)
		if ErrorMessage(err) != tc.msg && !(tc.msg == "" && err == nil) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.msg)
		}
		if tc.msg == MsgPartnerExpiryTooFar || tc.msg == MsgPartnerExpiryRequired {
			if got := ErrorText(err, msg.French); !strings.Contains(got, "clés partenaires à 90 jours") && !strings.Contains(got, "à 30 jours") {
				t.Errorf("%s: %q does not name the rule", tc.name, got)
			}
		}
	}
	if err := (KeyPolicy{PartnerMaxLifetimeDays: MaxPolicyDays + 1}).Validate(); ErrorMessage(err) != MsgPartnerPolicyDays {
		t.Errorf("a partner maximum beyond 100 years: %v", err)
	}
}
