package httpserver

import (
	"net/http"

	"sesame/service/local"
)

// route is one pattern of the server's mux and what answers it.
type route struct {
	pattern string
	handler http.Handler
}

// routeTable lists every endpoint; each handler's comment names the RFC it follows.
// The OpenAPI description (openapi/openapi.yaml) describes each of them: a test
// fails on a route it lacks.
func (s *Server) routeTable() []route {
	f := func(pattern string, h http.HandlerFunc) route { return route{pattern, h} }
	a := func(pattern string, h adminHandler) route { return route{pattern, s.admin(h)} }
	return []route{
		f("GET /oauth2/authorize", s.handleAuthorize),
		f("POST /oauth2/authorize", s.handleLogin),
		f("POST /oauth2/token", s.handleToken),
		f("POST /oauth2/introspect", s.handleIntrospect),
		f("POST /oauth2/revoke", s.handleRevoke),
		f("GET /.well-known/oauth-authorization-server", s.handleMetadata),
		f("GET /.well-known/jwks.json", s.handleJWKS),

		f("POST /v1/verify", s.handleVerify),
		f("POST /v1/leaks", s.handleLeakReport),
		f("/v1/gateway", s.handleGateway),
		f("/v1/gateway/{service}", s.handleGateway),
		f("/v1/gateway/{service}/{rest...}", s.handleGateway),
		a("GET /v1/profile", s.handleProfile),
		a("GET /v1/catalogue", s.handleCatalogue),
		a("GET /v1/keys", s.handleListKeys),
		a("POST /v1/keys", s.handleGenerate),
		a("POST /v1/keys/lookup-digests", s.handleLookupDigests),
		a("POST /v1/keys/{id}/revoke", s.handleRevokeKey),
		a("POST /v1/keys/{id}/renew", s.handleRenewKey),
		a("POST /v1/keys/{id}/suspend", s.handleSuspendKey),
		a("POST /v1/keys/{id}/resume", s.handleResumeKey),
		a("POST /v1/keys/{id}/handover", s.handleHandover),
		a("POST /v1/keys/{id}/end-grace", s.handleEndGrace),
		a("PUT /v1/keys/{id}/restrictions", s.handleRestrictKey),
		a("GET /v1/keys/{id}", s.handleKeyDetails),
		a("GET /v1/keys/expiring", s.handleExpiringKeys),
		a("GET /v1/audit", s.handleAudit),
		a("GET /v1/audit/verify", s.handleAuditVerify),
		a("POST /v1/audit/seal", s.handleAuditSeal),
		a("GET /v1/policy", s.handlePolicy),
		a("PUT /v1/policy", s.handleSetPolicy),
		a("POST "+importPath, s.handleImport),
		a("GET /v1/desktop/latest", s.handleDesktopLatest),
		a("GET /v1/desktop/releases/{version}/file", s.handleDesktopFile),
		f("GET "+local.PickupPath+"{token}", s.handlePickupPage),
		f("POST "+local.PickupPath+"{token}", s.handlePickup),
		a("GET /v1/notifications/choice", s.handleGetNotifyChoice),
		a("PUT /v1/notifications/choice", s.handlePutNotifyChoice),
		a("GET /v1/notifications/smtp", s.handleGetSMTP),
		a("PUT /v1/notifications/smtp", s.handlePutSMTP),
		a("POST /v1/notifications/smtp/test", s.handleTestSMTP),
		a("GET /v1/notifications/webhooks", s.handleListWebhooks),
		a("POST /v1/notifications/webhooks", s.handleAddWebhook),
		a("DELETE /v1/notifications/webhooks/{id}", s.handleRemoveWebhook),
		a("GET /v1/notifications/deliveries", s.handleListDeliveries),
		a("GET /v1/notifications/deliveries/{id}", s.handleGetDelivery),
		a("POST /v1/notifications/deliveries/{id}/retry", s.handleRetryDelivery),
		f("GET /v1/openapi.json", s.handleOpenAPI),
		f("GET /docs", s.handleDocs),
		f("GET /healthz", s.handleHealthz),
		f("GET /readyz", s.handleReadyz),
	}
}

// routes mounts the route table, and a problem document for any other path.
func (s *Server) routes() {
	m := http.NewServeMux()
	for _, r := range s.routeTable() {
		m.Handle(r.pattern, r.handler)
	}
	m.HandleFunc("/", s.handleNotFound)
	s.mux = m
}
