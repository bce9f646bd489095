package httpserver

import (
	"encoding/hex"
	"net/http"

	"sesame/service"
	"sesame/service/local"
)

// maxCodeFormBytes bounds the pickup form: a code and nothing else.
const maxCodeFormBytes = 1 << 10

// pickupPath is the pickup page's path as logged: the token stays out of every log.
const pickupPath = local.PickupPath + "…"

// handlePickupPage answers GET /remise/{token}: the form asking for the code while
// the link is open; a page saying the link is over otherwise, which reveals nothing
// about the key. Opening a link that was used suspends its key (local.Pickups).
func (s *Server) handlePickupPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.pickups.Look(r.Context(), r.PathValue("token"), ClientAddr(r))
	if err != nil {
		s.pickupFailed(w, r, err)
		return
	}
	s.renderPickupState(w, r, st)
}

// handlePickup answers POST /remise/{token} with the code typed: the credentials,
// once, for the right code; the form again for a wrong one. Wrong codes are throttled
// per (link, address) and per address, never per link alone, so that nobody can
// lock the partner out from elsewhere; the link's own count of wrong codes ends it
// (local.Pickups).
func (s *Server) handlePickup(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCodeFormBytes)
	if err := r.ParseForm(); err != nil || len(r.PostForm["code"]) > 1 {
		s.renderPickup(w, r, http.StatusBadRequest, pickupPage{Form: true, Error: msgPickupCodeBlank})
		return
	}
	token, code, addr := r.PathValue("token"), r.PostForm.Get("code"), ClientAddr(r)
	if code == "" {
		s.renderPickup(w, r, http.StatusBadRequest, pickupPage{Form: true, Error: msgPickupCodeBlank})
		return
	}
	link := ""
	if service.ValidHandoverToken(token) {
		link = hex.EncodeToString(service.HandoverTokenDigest(token))
	}
	now := s.now()
	if wait, _ := s.pickupLimits.Wait(link, addr, now); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		s.renderPickup(w, r, http.StatusTooManyRequests, pickupPage{Form: true, Error: msgPickupLimited})
		return
	}
	res, err := s.pickups.Try(r.Context(), token, code, addr)
	if err != nil {
		s.pickupFailed(w, r, err)
		return
	}
	if res.WrongCode {
		s.pickupLimits.Fail(link, addr, now)
		s.log.Info("pickup code refused", "path", pickupPath, "addr", addr)
	}
	switch {
	case res.State == local.PickupDone:
		s.log.Info("key picked up", "path", pickupPath, "addr", addr, "key", res.Credentials.Identifier)
		s.renderPickup(w, r, http.StatusOK, pickupPage{Done: true, Identifier: res.Credentials.Identifier, Secret: res.Credentials.Secret})
	case res.WrongCode && res.State == local.PickupOpen:
		s.renderPickup(w, r, http.StatusBadRequest, pickupPage{Form: true, Error: msgPickupWrongCode})
	default:
		s.renderPickupState(w, r, res.State)
	}
}

// renderPickupState shows the page of a link's state other than done.
func (s *Server) renderPickupState(w http.ResponseWriter, r *http.Request, st local.PickupState) {
	switch st {
	case local.PickupOpen:
		s.renderPickup(w, r, http.StatusOK, pickupPage{Form: true})
	case local.PickupShown:
		s.renderPickup(w, r, http.StatusGone, pickupPage{Error: msgPickupShown})
	case local.PickupReused:
		s.log.Warn("used pickup link opened again: key suspended", "path", pickupPath, "addr", ClientAddr(r))
		s.renderPickup(w, r, http.StatusGone, pickupPage{Error: msgPickupReused})
	default:
		s.renderPickup(w, r, http.StatusGone, pickupPage{Error: msgPickupEnded})
	}
}

// pickupFailed logs a failure of the store (never the token or the code) and shows
// its sentence.
func (s *Server) pickupFailed(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("pickup", "path", pickupPath, "addr", ClientAddr(r), "code", service.ErrorCode(err), "err", err)
	status := http.StatusInternalServerError
	if service.ErrorCode(err) == service.EUNAVAILABLE {
		status = http.StatusServiceUnavailable
	}
	s.renderPickup(w, r, status, pickupPage{Error: service.ErrorMessage(err)})
}
