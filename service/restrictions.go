package service

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"go4.org/netipx"

	"sesame/service/msg"
)

// The sentences of a key's restrictions, as codes of the message catalogue. Those
// about an entry quote it (Params Entry).
const (
	MsgRestrictAddressInvalid  msg.Code = "restrict.address_invalid"
	MsgRestrictRangeInvalid    msg.Code = "restrict.range_invalid"
	MsgRestrictZone            msg.Code = "restrict.zone"
	MsgRestrictMappedRange     msg.Code = "restrict.mapped_range"
	MsgRestrictTooMany         msg.Code = "restrict.too_many"
	MsgRestrictRateRange       msg.Code = "restrict.rate_range"
	MsgRestrictBurstRange      msg.Code = "restrict.burst_range"
	MsgRestrictBurstWithout    msg.Code = "restrict.burst_without_rate"
	MsgRestrictChangedMeantime msg.Code = "restrict.changed_meantime"
	MsgRestrictKeyNotActive    msg.Code = "restrict.key_not_active"
)

// Bounds of a key's restrictions.
const (
	MaxAllowedAddresses = 100    // entries an administrator may type
	MaxRatePerMinute    = 100000 // requests per minute, and burst
)

// Restrictions narrow where, how and how fast a key may be used. The zero value
// restricts nothing. Every path that accepts a key checks them (Check).
type Restrictions struct {
	// Addresses are the client networks the key may be used from, merged (no range
	// inside or beside another); empty: anywhere.
	Addresses []netip.Prefix
	// ReadOnly lets only GET, HEAD and OPTIONS through.
	ReadOnly bool
	// RatePerMinute caps the requests per minute, 0 for no cap; Burst is how many
	// may come at once (a full bucket), RatePerMinute when left at 0.
	RatePerMinute int
	Burst         int
}

// IsZero reports whether r restricts nothing.
func (r Restrictions) IsZero() bool {
	return len(r.Addresses) == 0 && !r.ReadOnly && r.RatePerMinute == 0
}

// Equal reports whether r and o restrict the same way.
func (r Restrictions) Equal(o Restrictions) bool {
	return slices.Equal(r.Addresses, o.Addresses) && r.ReadOnly == o.ReadOnly &&
		r.RatePerMinute == o.RatePerMinute && r.Burst == o.Burst
}

// RestrictionsInput is what an administrator types: one address or range per entry
// (blank entries are ignored), read-only, and a rate per minute with its burst (0:
// none; a burst of 0 is the rate's).
type RestrictionsInput struct {
	Addresses     []string
	ReadOnly      bool
	RatePerMinute int
	Burst         int
}

// ParseAddressEntry reads one address ("192.0.2.7", "2001:db8::1") or CIDR range
// ("10.0.0.0/8"; host bits are cleared) as a prefix, IPv4-mapped IPv6 as IPv4.
// EINVALID quoting the entry: not an address, a bad prefix length, a zone
// ("fe80::1%eth0"), which means nothing to a server, or an IPv4-mapped range
// shorter than /96 ("::ffff:10.0.0.0/8"), which would cover every IPv4 address
// and more.
func ParseAddressEntry(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	bad := func(code msg.Code) error {
		return &Error{Code: EINVALID, Field: "restrictions.addresses", Message: code, Params: msg.Params{"Entry": s}}
	}
	if strings.Contains(s, "%") {
		return netip.Prefix{}, bad(MsgRestrictZone)
	}
	addr, bits, isRange := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return netip.Prefix{}, bad(MsgRestrictAddressInvalid)
	}
	n := a.BitLen()
	if isRange {
		v, err := strconv.Atoi(bits)
		if err != nil || v < 0 || v > a.BitLen() || bits != strconv.Itoa(v) {
			return netip.Prefix{}, bad(MsgRestrictRangeInvalid)
		}
		n = v
	}
	if a.Is4In6() {
		if n < 96 {
			return netip.Prefix{}, bad(MsgRestrictMappedRange)
		}
		a, n = a.Unmap(), n-96
	}
	return netip.PrefixFrom(a, n).Masked(), nil
}

// NormalizeRestrictions checks what an administrator typed and returns it as stored:
// entries parsed (ParseAddressEntry, the first bad one quoted), at most
// MaxAllowedAddresses of them, overlapping and adjacent ranges merged; a rate and a
// burst in 1–MaxRatePerMinute, the burst defaulting to the rate.
func NormalizeRestrictions(in RestrictionsInput) (Restrictions, error) {
	var b netipx.IPSetBuilder
	n := 0
	for _, e := range in.Addresses {
		if strings.TrimSpace(e) == "" {
			continue
		}
		n++
		p, err := ParseAddressEntry(e)
		if err != nil {
			return Restrictions{}, err
		}
		b.AddPrefix(p)
	}
	if n > MaxAllowedAddresses {
		return Restrictions{}, &Error{Code: EINVALID, Field: "restrictions.addresses", Message: MsgRestrictTooMany,
			Params: msg.Params{"N": n, "Max": MaxAllowedAddresses}}
	}
	out := Restrictions{ReadOnly: in.ReadOnly, RatePerMinute: in.RatePerMinute, Burst: in.Burst}
	if n > 0 {
		set, err := b.IPSet()
		if err != nil {
			return Restrictions{}, Errorf(EINTERNAL, MsgUnexpected, err)
		}
		out.Addresses = set.Prefixes()
	}
	switch {
	case in.RatePerMinute < 0 || in.RatePerMinute > MaxRatePerMinute:
		return Restrictions{}, FieldError("restrictions.ratePerMinute", MsgRestrictRateRange)
	case in.RatePerMinute == 0 && in.Burst != 0:
		return Restrictions{}, FieldError("restrictions.burst", MsgRestrictBurstWithout)
	case in.Burst < 0 || in.Burst > MaxRatePerMinute:
		return Restrictions{}, FieldError("restrictions.burst", MsgRestrictBurstRange)
	case in.RatePerMinute > 0 && in.Burst == 0:
		out.Burst = in.RatePerMinute
	}
	return out, nil
}

// Input is r as an administrator would have typed it: each range, a single address
// without its /32 or /128.
func (r Restrictions) Input() RestrictionsInput {
	return RestrictionsInput{Addresses: r.AddressStrings(), ReadOnly: r.ReadOnly, RatePerMinute: r.RatePerMinute, Burst: r.Burst}
}

// AddressStrings are the allowed networks as shown: a single address without its
// prefix length.
func (r Restrictions) AddressStrings() []string {
	out := make([]string, len(r.Addresses))
	for i, p := range r.Addresses {
		if p.IsSingleIP() {
			out[i] = p.Addr().String()
		} else {
			out[i] = p.String()
		}
	}
	return out
}

// String is r's compact form, as stored in the journal and read back by
// ParseRestrictions: "addresses=10.0.0.0/8,192.0.2.7 read-only rate=60 burst=60",
// "none" when r restricts nothing.
func (r Restrictions) String() string {
	if r.IsZero() {
		return "none"
	}
	var parts []string
	if len(r.Addresses) > 0 {
		parts = append(parts, "addresses="+strings.Join(r.AddressStrings(), ","))
	}
	if r.ReadOnly {
		parts = append(parts, "read-only")
	}
	if r.RatePerMinute > 0 {
		parts = append(parts, "rate="+strconv.Itoa(r.RatePerMinute), "burst="+strconv.Itoa(r.Burst))
	}
	return strings.Join(parts, " ")
}

// ParseRestrictions reads String's form back; ok is false for anything else.
func ParseRestrictions(s string) (r Restrictions, ok bool) {
	if s == "none" {
		return Restrictions{}, true
	}
	var in RestrictionsInput
	for _, f := range strings.Fields(s) {
		k, v, _ := strings.Cut(f, "=")
		var err error
		switch k {
		case "addresses":
			in.Addresses = strings.Split(v, ",")
		case "read-only":
			in.ReadOnly = true
		case "rate":
			in.RatePerMinute, err = strconv.Atoi(v)
		case "burst":
			in.Burst, err = strconv.Atoi(v)
		default:
			return Restrictions{}, false
		}
		if err != nil {
			return Restrictions{}, false
		}
	}
	r, err := NormalizeRestrictions(in)
	return r, err == nil
}
