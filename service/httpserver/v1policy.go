package httpserver

import (
	"context"
	"net/http"

	"sesame/service"
	"sesame/service/api"
)

// policySetter is the Portal's ability to set the firm's key policy, which the
// local Portal behind /v1 has.
type policySetter interface {
	SetKeyPolicy(ctx context.Context, p service.KeyPolicy) (service.Profile, error)
}

// handlePolicy answers GET /v1/policy with the firm's key policy: the maximum
// lifetime of the keys its administrators generate (0: none).
func (s *Server) handlePolicy(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	prof, err := p.Profile(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.FromPolicy(prof.KeyPolicy))
}

// handleSetPolicy answers PUT /v1/policy {"maxKeyLifetimeDays",
// "partnerMaxKeyLifetimeDays", "addressRequired"}: any administrator of the firm
// replaces its policy, journaled with the values (an absent addressRequired keeps
// the kinds that need an address restriction); keys already generated keep their
// expiry and restrictions.
func (s *Server) handleSetPolicy(w http.ResponseWriter, r *http.Request, p service.Portal) {
	if !s.queryKnown(w, r) {
		return
	}
	var req api.Policy
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	ps, ok := p.(policySetter)
	if !ok {
		s.writeProblem(w, r, service.Errorf(service.EINTERNAL, service.MsgUnexpected, nil))
		return
	}
	pol := req.ToPolicy()
	if req.AddressRequired == nil { // absent: the rules stay as they are
		cur, err := p.Profile(r.Context())
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		pol.FirmAddressRequired, pol.PartnerAddressRequired = cur.KeyPolicy.FirmAddressRequired, cur.KeyPolicy.PartnerAddressRequired
	}
	prof, err := ps.SetKeyPolicy(r.Context(), pol)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.log.Info("key policy set", append(logAttrs(r), "firm", prof.SICCode, "max_lifetime_days", req.MaxKeyLifetimeDays,
		"partner_max_lifetime_days", req.PartnerMaxKeyLifetimeDays)...)
	writeJSON(w, http.StatusOK, api.FromPolicy(prof.KeyPolicy))
}

// queryKnown refuses, with a 422 naming it, a query parameter that the endpoint does
// not read; it reports whether the request may go on.
func (s *Server) queryKnown(w http.ResponseWriter, r *http.Request, known ...string) bool {
	if r.URL.RawQuery == "" {
		return true
	}
	if err := api.CheckParams(r.URL.Query(), known); err != nil {
		s.writeProblem(w, r, err)
		return false
	}
	return true
}
