package api

import (
	"net/http"

	"sesame/service"
)

// Problem is an RFC 9457 problem document. Type is "about:blank" and Title the
// status's phrase (§4.2.1); Detail is the French sentence for the user; the extension
// members Code and Field carry the service error's code and form field, so that a
// client rebuilds the very *service.Error the server saw.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
	Field  string `json:"field,omitempty"`
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

// ProblemFor builds the problem document of an error. A server's missing profile is
// an ended session: the administrator was removed since signing in.
func ProblemFor(err error) Problem {
	code, detail := service.ErrorCode(err), service.ErrorMessage(err)
	if code == service.ENOPROFILE {
		code, detail = service.EUNAUTHORIZED, service.MsgUnauthorized
	}
	return NewProblem(StatusFor(code), code, detail, service.ErrorField(err))
}

// NewProblem builds a problem document.
func NewProblem(status int, code, detail, field string) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Code: code, Field: field}
}

// Err returns the *service.Error the problem describes.
func (p Problem) Err() *service.Error {
	code := p.Code
	if code == "" {
		code = CodeForStatus(p.Status)
	}
	msg := p.Detail
	if msg == "" {
		msg = service.MessageFor(code)
	}
	return &service.Error{Code: code, Field: p.Field, Message: msg}
}
