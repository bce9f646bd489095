package api

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// Query parameters of GET /v1/keys and GET /v1/audit.
const (
	ParamTiers    = "tiers"
	ParamService  = "service"
	ParamStatus   = "status" // comma-separated: active,revoked
	ParamName     = "name"
	ParamKind     = "kind"    // firm or partner
	ParamPartner  = "partner" // the partner's name contains this
	ParamSort     = "sort"
	ParamDesc     = "desc" // "true" or "false"
	ParamCursor   = "cursor"
	ParamLimit    = "limit"
	ParamBefore   = "before"
	ParamCategory = "category"

	ParamExpiresBefore = "expiresBefore" // RFC 3339
	ParamUnusedDays    = "unusedDays"
	ParamNoExpiry      = "noExpiry" // "true": the keys without expiry date only
	// ParamUnrestricted "true": the keys without an address restriction only.
	ParamUnrestricted  = "noAddressRestriction"
	ParamGraceOverDays = "graceOverDays"
	// ParamCount is what the first page counts: absent or "1", its rows and their
	// count; CountNone ("0"), the rows only; CountOnly ("only"), the count only.
	ParamCount = "count"
)

// The values of ParamCount besides the default.
const (
	CountNone = "0"
	CountOnly = "only"
)

// keyFilterParams are the parameters GET /v1/keys reads; any other is refused.
var keyFilterParams = []string{ParamTiers, ParamService, ParamStatus, ParamName, ParamKind, ParamPartner, ParamExpiresBefore, ParamUnusedDays, ParamNoExpiry,
	ParamUnrestricted, ParamGraceOverDays, ParamSort, ParamDesc, ParamCursor, ParamLimit, ParamCount}

// KeyFilterQuery encodes the criteria of the keys window as the query of GET /v1/keys.
func KeyFilterQuery(f service.KeyFilter) url.Values {
	v := url.Values{}
	v.Set(ParamTiers, f.Tiers)
	v.Set(ParamService, f.Service)
	if len(f.Statuses) > 0 {
		st := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			st[i] = string(s)
		}
		v.Set(ParamStatus, strings.Join(st, ","))
	}
	setIf(v, ParamName, f.NameContains)
	setIf(v, ParamKind, string(f.Kind))
	setIf(v, ParamPartner, f.PartnerContains)
	if !f.ExpiresBefore.IsZero() {
		v.Set(ParamExpiresBefore, f.ExpiresBefore.UTC().Format(time.RFC3339Nano))
	}
	if f.UnusedDays > 0 {
		v.Set(ParamUnusedDays, strconv.Itoa(f.UnusedDays))
	}
	if f.NoExpiry {
		v.Set(ParamNoExpiry, "true")
	}
	if f.NoAddressRestriction {
		v.Set(ParamUnrestricted, "true")
	}
	if f.GraceOverDays > 0 {
		v.Set(ParamGraceOverDays, strconv.Itoa(f.GraceOverDays))
	}
	setIf(v, ParamSort, string(f.Sort))
	if f.Descending {
		v.Set(ParamDesc, "true")
	}
	setIf(v, ParamCursor, f.Cursor)
	if f.Limit > 0 {
		v.Set(ParamLimit, strconv.Itoa(f.Limit))
	}
	switch {
	case f.CountOnly:
		v.Set(ParamCount, CountOnly)
	case f.NoCount:
		v.Set(ParamCount, CountNone)
	}
	return v
}

// ParseKeyFilter decodes the query of GET /v1/keys; EINVALID naming the parameter
// for one it does not know or a value it cannot read.
func ParseKeyFilter(v url.Values) (service.KeyFilter, error) {
	f := service.KeyFilter{
		Tiers: v.Get(ParamTiers), Service: v.Get(ParamService), NameContains: v.Get(ParamName),
		Kind: service.KeyKind(v.Get(ParamKind)), PartnerContains: v.Get(ParamPartner),
		Sort: service.KeySortField(v.Get(ParamSort)), Cursor: v.Get(ParamCursor),
	}
	if err := CheckParams(v, keyFilterParams); err != nil {
		return f, err
	}
	switch f.Kind {
	case "", service.KindFirm, service.KindPartner:
	default:
		return f, valueError(ParamKind)
	}
	switch f.Sort {
	case "", service.SortCreatedAt, service.SortName, service.SortCreator, service.SortStatus, service.SortLastUsed:
	default:
		return f, valueError(ParamSort)
	}
	for _, raw := range v[ParamStatus] {
		for _, s := range strings.Split(raw, ",") {
			switch st := service.KeyStatus(strings.TrimSpace(s)); st {
			case service.StatusActive, service.StatusSuspended, service.StatusPending, service.StatusRevoked, service.StatusExpired:
				f.Statuses = append(f.Statuses, st)
			case "":
			default:
				return f, service.FieldError(ParamStatus, msgStatusUnknown)
			}
		}
	}
	if d := v.Get(ParamDesc); d != "" {
		b, err := strconv.ParseBool(d)
		if err != nil {
			return f, service.FieldError(ParamDesc, msgSortInvalid)
		}
		f.Descending = b
	}
	if d := v.Get(ParamNoExpiry); d != "" {
		b, err := strconv.ParseBool(d)
		if err != nil {
			return f, valueError(ParamNoExpiry)
		}
		f.NoExpiry = b
	}
	if d := v.Get(ParamUnrestricted); d != "" {
		b, err := strconv.ParseBool(d)
		if err != nil {
			return f, valueError(ParamUnrestricted)
		}
		f.NoAddressRestriction = b
	}
	n, err := intParam(v, ParamLimit)
	if err != nil {
		return f, err
	}
	f.Limit = int(n)
	if f.ExpiresBefore, err = instantParam(ParamExpiresBefore, v.Get(ParamExpiresBefore)); err != nil {
		return f, err
	}
	days, err := intParam(v, ParamUnusedDays)
	if err != nil || days > service.MaxUnusedDays || v.Has(ParamUnusedDays) && days < 1 {
		return f, service.FieldError(ParamUnusedDays, service.MsgUnusedDays)
	}
	f.UnusedDays = int(days)
	days, err = intParam(v, ParamGraceOverDays)
	if err != nil || days > service.MaxUnusedDays || v.Has(ParamGraceOverDays) && days < 1 {
		return f, valueError(ParamGraceOverDays)
	}
	f.GraceOverDays = int(days)
	switch v.Get(ParamCount) {
	case "", "1":
	case CountNone:
		f.NoCount = true
	case CountOnly:
		f.CountOnly = true
	default:
		return f, service.FieldError(ParamCount, msgCountInvalid)
	}
	return f, nil
}

func intParam(v url.Values, name string) (int64, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 0 {
		return 0, service.FieldError(name, msgNumberInvalid)
	}
	return n, nil
}

// CheckParams refuses the first parameter, in name order, that known lacks.
func CheckParams(v url.Values, known []string) error {
	for _, name := range slices.Sorted(maps.Keys(v)) {
		if !slices.Contains(known, name) {
			return &service.Error{Code: service.EINVALID, Field: name, Message: MsgUnknownParameter, Params: msg.Params{"Name": name}}
		}
	}
	return nil
}

// valueError refuses a parameter's value that is not one the API knows.
func valueError(name string) error {
	return &service.Error{Code: service.EINVALID, Field: name, Message: MsgValueInvalid, Params: msg.Params{"Name": name}}
}

func setIf(v url.Values, name, value string) {
	if value != "" {
		v.Set(name, value)
	}
}
