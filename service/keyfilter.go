package service

import (
	"slices"
	"time"
)

// KeySortField is a column of the key table the user can sort by.
type KeySortField string

// The sortable columns.
const (
	SortCreatedAt KeySortField = "created_at"
	SortName      KeySortField = "name"
	SortCreator   KeySortField = "creator"
	SortStatus    KeySortField = "status"
	SortLastUsed  KeySortField = "last_used" // never used sorts before any use
)

// MaxUnusedDays bounds the "Inutilisée depuis plus de N jours" criterion.
const MaxUnusedDays = 3650

// GraceReviewDays is how long an old secret may stay valid after a renewal before
// « Santé des clés » counts it, and the keys page's « Ancien secret valable depuis
// plus de 7 jours » selects it.
const GraceReviewDays = 7

// DefaultPageSize is how many keys one page of the table holds.
const DefaultPageSize = 100

// MaxPageSize caps what a caller may ask for in one page.
const MaxPageSize = 500

// KeyFilter is the "Critères de sélection" form plus the table's sort and paging.
// Zero values mean "any": no status checked means both.
type KeyFilter struct {
	Tiers        string      // tiers code; required by the Portal
	Service      string      // catalogue entry ID; required by the Portal
	Statuses     []KeyStatus // Active, Révoquée, or both
	NameContains string      // case- and accent-insensitive
	Kind         KeyKind     // one kind; empty: both
	// PartnerContains keeps the partner keys whose partner's name contains it, case
	// and accents aside; empty: any.
	PartnerContains string
	// ExpiresBefore keeps the keys that expire before that instant ("Expire avant
	// le"); zero: any.
	ExpiresBefore time.Time
	// UnusedDays keeps the keys neither used nor created in the last UnusedDays days
	// ("Inutilisée depuis plus de N jours"); 0: any.
	UnusedDays int
	// NoExpiry keeps the keys that have no expiry date ("Sans date d'expiration");
	// false: any.
	NoExpiry bool
	// NoAddressRestriction keeps the keys that may be used from anywhere (no
	// allowed address); false: any.
	NoAddressRestriction bool
	// GraceOverDays keeps the keys whose old secret, kept by a renewal more than
	// GraceOverDays days before Now, still works at Now ("Ancien secret encore
	// valable"); 0: any.
	GraceOverDays int
	// Now is the instant the statuses and UnusedDays are judged at; the Portal sets
	// it from its clock, whatever the caller gave.
	Now time.Time

	Sort       KeySortField
	Descending bool
	Cursor     string // opaque: the Next of the previous page
	Limit      int    // 0 means DefaultPageSize
	// NoCount asks for the first page without its KeyPage.Count: the rows at once,
	// the count asked for apart (CountOnly); GET /v1/keys?count=0.
	NoCount bool
	// CountOnly asks for the count of the keys matching the criteria and no keys: a
	// KeyPage with Count only, whatever the Cursor; GET /v1/keys?count=only.
	CountOnly bool
}

// Normalized returns the filter with defaults applied: newest first, a page size
// within bounds, known statuses only.
func (f KeyFilter) Normalized() KeyFilter {
	switch f.Sort {
	case SortCreatedAt, SortName, SortCreator, SortStatus, SortLastUsed:
	default:
		f.Sort, f.Descending = SortCreatedAt, true
	}
	if f.Limit <= 0 {
		f.Limit = DefaultPageSize
	}
	if f.Limit > MaxPageSize {
		f.Limit = MaxPageSize
	}
	var st []KeyStatus
	for _, s := range []KeyStatus{StatusActive, StatusPending, StatusSuspended, StatusExpired, StatusRevoked} {
		if slices.Contains(f.Statuses, s) {
			st = append(st, s)
		}
	}
	if len(st) == 5 {
		st = nil
	}
	f.UnusedDays = min(max(f.UnusedDays, 0), MaxUnusedDays)
	f.GraceOverDays = min(max(f.GraceOverDays, 0), MaxUnusedDays)
	f.Statuses = st
	f.NameContains = NormalizeKeyName(f.NameContains)
	if f.Kind != KindFirm && f.Kind != KindPartner {
		f.Kind = ""
	}
	f.PartnerContains = NormalizeKeyName(f.PartnerContains)
	return f
}

// KeyPage is one page of the key table.
type KeyPage struct {
	Keys []Key
	Next string // cursor of the following page; empty on the last one
	// Count is how many keys match the filter, bounded by KeyCountMax; only on the
	// first page (no Cursor) unless NoCount, or alone with CountOnly: nil on the pages
	// after the first.
	Count *KeyCount
}
