package httpserver

import "net/http"

// metadata is the authorization server's metadata (RFC 8414 §2).
type metadata struct {
	Issuer                                 string   `json:"issuer"`
	AuthorizationEndpoint                  string   `json:"authorization_endpoint"`
	TokenEndpoint                          string   `json:"token_endpoint"`
	JWKSURI                                string   `json:"jwks_uri"`
	IntrospectionEndpoint                  string   `json:"introspection_endpoint"`
	RevocationEndpoint                     string   `json:"revocation_endpoint"`
	ResponseTypesSupported                 []string `json:"response_types_supported"`
	GrantTypesSupported                    []string `json:"grant_types_supported"`
	CodeChallengeMethodsSupported          []string `json:"code_challenge_methods_supported"`
	TokenEndpointAuthMethodsSupported      []string `json:"token_endpoint_auth_methods_supported"`
	IntrospectionEndpointAuthMethods       []string `json:"introspection_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethodsSupported []string `json:"revocation_endpoint_auth_methods_supported"`
	AuthorizationResponseIssParameter      bool     `json:"authorization_response_iss_parameter_supported"`
}

// handleMetadata serves /.well-known/oauth-authorization-server (RFC 8414 §3).
func (s *Server) handleMetadata(w http.ResponseWriter, r *http.Request) {
	iss := s.cfg.Issuer
	writeJSON(w, http.StatusOK, metadata{
		Issuer:                                 iss,
		AuthorizationEndpoint:                  iss + "/oauth2/authorize",
		TokenEndpoint:                          iss + "/oauth2/token",
		JWKSURI:                                iss + "/.well-known/jwks.json",
		IntrospectionEndpoint:                  iss + "/oauth2/introspect",
		RevocationEndpoint:                     iss + "/oauth2/revoke",
		ResponseTypesSupported:                 []string{"code"},
		GrantTypesSupported:                    []string{"authorization_code", "refresh_token", "client_credentials"},
		CodeChallengeMethodsSupported:          []string{"S256"},
		TokenEndpointAuthMethodsSupported:      []string{"none", "client_secret_basic", "client_secret_post"},
		IntrospectionEndpointAuthMethods:       []string{"client_secret_basic", "client_secret_post"},
		RevocationEndpointAuthMethodsSupported: []string{"none"},
		AuthorizationResponseIssParameter:      true,
	})
}

// handleJWKS serves the public signing keys as a JWK Set (RFC 7517 §5), the current
// one, the next (published before it signs) and those retired recently enough that
// tokens they signed may still be valid; so a verifier may cache it for a minute.
func (s *Server) handleJWKS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	_, _ = w.Write(s.keys.jwksJSON())
}
