package httpserver

import "net/http"

// routes mounts every endpoint; each handler's comment names the RFC it follows.
func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /oauth2/authorize", s.handleAuthorize)
	m.HandleFunc("POST /oauth2/authorize", s.handleLogin)
	m.HandleFunc("POST /oauth2/token", s.handleToken)
	m.HandleFunc("POST /oauth2/introspect", s.handleIntrospect)
	m.HandleFunc("POST /oauth2/revoke", s.handleRevoke)
	m.HandleFunc("GET /.well-known/oauth-authorization-server", s.handleMetadata)
	m.HandleFunc("GET /.well-known/jwks.json", s.handleJWKS)

	m.HandleFunc("POST /v1/verify", s.handleVerify)
	m.HandleFunc("/v1/gateway", s.handleGateway)
	m.HandleFunc("/v1/gateway/{service}", s.handleGateway)
	m.HandleFunc("/v1/gateway/{service}/{rest...}", s.handleGateway)
	m.Handle("GET /v1/profile", s.admin(s.handleProfile))
	m.Handle("GET /v1/catalogue", s.admin(s.handleCatalogue))
	m.Handle("GET /v1/keys", s.admin(s.handleListKeys))
	m.Handle("POST /v1/keys", s.admin(s.handleGenerate))
	m.Handle("POST /v1/keys/{id}/revoke", s.admin(s.handleRevokeKey))
	m.Handle("POST /v1/keys/{id}/renew", s.admin(s.handleRenewKey))
	m.Handle("POST /v1/keys/{id}/end-grace", s.admin(s.handleEndGrace))
	m.Handle("GET /v1/keys/{id}", s.admin(s.handleKeyDetails))
	m.Handle("GET /v1/keys/expiring", s.admin(s.handleExpiringKeys))
	m.Handle("GET /v1/audit", s.admin(s.handleAudit))
	m.Handle("GET /v1/audit/verify", s.admin(s.handleAuditVerify))
	m.HandleFunc("GET /healthz", s.handleHealthz)
	m.HandleFunc("GET /readyz", s.handleReadyz)
	m.HandleFunc("/", s.handleNotFound)
	s.mux = m
}
