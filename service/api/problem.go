package api

import (
	"net/http"

	"golang.org/x/text/language"

	"sesame/service"
	"sesame/service/msg"
)

// Problem is an RFC 9457 problem document. Type is "about:blank" and Title the
// status's phrase (§4.2.1); Detail is the sentence for the user in the caller's
// language (Accept-Language, French by default). The extension members carry the
// service error: Code the message code of the sentence and Params what fills it (so
// that a client shows the sentence in its own language), Kind the error's kind and
// Field its form field, so that a client rebuilds the very *service.Error the server
// saw.
type Problem struct {
	Type   string     `json:"type"`
	Title  string     `json:"title"`
	Status int        `json:"status"`
	Detail string     `json:"detail"`
	Code   msg.Code   `json:"code"`
	Params msg.Params `json:"params,omitempty"`
	Kind   string     `json:"kind"`
	Field  string     `json:"field,omitempty"`
	// Reason is, for a key refused by its restrictions, the rule that refused it:
	// address_not_allowed, read_only or rate_limited (service.Refusal).
	Reason string `json:"reason,omitempty"`
}

// StatusFor is the HTTP status that answers a service error code.
func StatusFor(code string) int {
	switch code {
	case service.EINVALID:
		return http.StatusUnprocessableEntity
	case service.ENOTFOUND:
		return http.StatusNotFound
	case service.ECONFLICT:
		return http.StatusConflict
	case service.EUNAUTHORIZED, service.ENOPROFILE:
		return http.StatusUnauthorized
	case service.EFORBIDDEN:
		return http.StatusForbidden
	case service.ERATELIMITED:
		return http.StatusTooManyRequests
	case service.EUNAVAILABLE, service.ELOCKED:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// CodeForStatus is the service error code a client assumes for a status that came
// without a problem document (a proxy's error page, say).
func CodeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		return service.EINVALID
	case http.StatusNotFound:
		return service.ENOTFOUND
	case http.StatusConflict:
		return service.ECONFLICT
	case http.StatusUnauthorized:
		return service.EUNAUTHORIZED
	case http.StatusForbidden:
		return service.EFORBIDDEN
	case http.StatusTooManyRequests:
		return service.ERATELIMITED
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return service.EUNAVAILABLE
	}
	return service.EINTERNAL
}

// ProblemFor builds the problem document of an error, its sentence in lang. A
// server's missing profile is an ended session: the administrator was removed since
// signing in.
func ProblemFor(err error, lang language.Tag) Problem {
	kind, code, params := service.ErrorCode(err), service.ErrorMessage(err), service.ErrorParams(err)
	if kind == service.ENOPROFILE {
		kind, code, params = service.EUNAUTHORIZED, service.MsgUnauthorized, nil
	}
	p := NewProblem(StatusFor(kind), kind, code, lang, service.ErrorField(err))
	if len(params) > 0 {
		p.Params = params
		p.Detail = msg.Text(code, lang, params)
	}
	return p
}

// NewProblem builds a problem document of an error kind, its sentence (code) in lang.
func NewProblem(status int, kind string, code msg.Code, lang language.Tag, field string) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: msg.Text(code, lang, nil), Code: code, Kind: kind, Field: field}
}

// Err returns the *service.Error the problem describes. A problem without a known
// message code (a proxy's page, another server's) gets the sentence of its kind, or
// of its status.
func (p Problem) Err() *service.Error {
	kind := p.Kind
	if kind == "" {
		kind = CodeForStatus(p.Status)
	}
	code := p.Code
	if !msg.Has(code) {
		code = service.MessageFor(kind)
	}
	return &service.Error{Code: kind, Field: p.Field, Message: code, Params: p.Params}
}
