package httpserver

import (
	"errors"
	"net/http"
	"strings"

	"sesame/service"
	"sesame/service/api"
)

// HeaderAPIKey is the header in which a gateway forwards the key its caller sent,
// as "<identifier>:<secret>" (the header Loop's public APIs use).
const HeaderAPIKey = "x-apikey"

// handleVerify answers POST /v1/verify for a gateway: 200 with the key's tiers,
// service and name when the x-apikey header holds a usable key, else a 401 problem
// (RFC 9457; RFC 9110 §15.5.2 for the challenge). A revoked or expired key fails at
// once; each success updates the key's last use, in the background.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := strings.Cut(r.Header.Get(HeaderAPIKey), ":")
	if !ok {
		s.verifyFailed(w, r, service.Errorf(service.EUNAUTHORIZED, "La clé d'API est absente ou mal formée.", nil))
		return
	}
	k, err := s.authenticateKey(r.Context(), r, id, secret)
	if err != nil {
		s.verifyFailed(w, r, keyAuthError(err))
		return
	}
	writeJSON(w, http.StatusOK, api.VerifyResponse{Active: true, Tiers: k.Tiers, Service: k.Service, Name: k.Name})
}

func (s *Server) verifyFailed(w http.ResponseWriter, r *http.Request, err error) {
	if service.ErrorCode(err) == service.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `APIKey realm="sesame", header="x-apikey"`)
	}
	s.writeProblem(w, r, err)
}

// keyAuthError turns authenticateKey's failure into the service error to answer.
func keyAuthError(err error) error {
	var th keyThrottled
	switch {
	case errors.As(err, &th):
		return errRateLimited(th.wait)
	case errors.Is(err, errKeyRejected):
		return service.Errorf(service.EUNAUTHORIZED, "La clé d'API est inconnue, révoquée ou expirée.", nil)
	}
	return err
}
