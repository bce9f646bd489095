// Package api is the JSON of the server's /v1 API: the wire types, their conversions
// to and from the domain's, and the RFC 9457 problem documents that carry its errors.
// The server (service/httpserver) and the desktop's remote Portal both use it, so that
// they cannot disagree on a field name.
package api

import "time"

// MediaTypeProblem is the content type of an error answer (RFC 9457 §3).
const MediaTypeProblem = "application/problem+json"

// timePtr returns nil for the zero time, so that absent instants are omitted; the
// others as every answer gives them (wire).
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = wire(t)
	return &t
}

// timeVal is the inverse of timePtr.
func timeVal(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
