package httpserver

import (
	"errors"
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// HeaderAPIKey is the header in which a gateway forwards the key its caller sent,
// as "<identifier>:<secret>" (the header Loop's public APIs use).
const HeaderAPIKey = "x-apikey"

// handleVerify answers POST /v1/verify for a gateway: 200 with the key's tiers,
// service and name when the one x-apikey header holds a usable key, else a 401
// problem (RFC 9457; RFC 9110 §15.5.2 for the challenge). A request that names a
// service (X-Sesame-Service or ?service=) gets 403 for a usable key of another
// service, and 422 if the catalogue has no such service accepting keys. A revoked or
// expired key fails at once; each success updates the key's last use, in the
// background.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	k, err := s.checkKey(r, false)
	s.metrics.verified("verify", err)
	if errors.Is(err, errGatewayConfig) {
		err = service.Errorf(service.EINVALID, msgVerifyServiceBad, err)
	}
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
		return service.Errorf(service.EUNAUTHORIZED, msgKeyRefused, nil)
	}
	return err
}
