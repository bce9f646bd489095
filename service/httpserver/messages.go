package httpserver

import "sesame/service/msg"

// The sentences of the server's own answers (the domain's are in package service), as
// codes of the message catalogue; each answer renders them in its caller's language.
const (
	msgRequestInvalid   msg.Code = "request.invalid"
	msgRequestTooLarge  msg.Code = "request.too_large"
	msgImportTooLarge   msg.Code = "import.too_large"
	msgImportBusy       msg.Code = "import.busy"
	msgRouteNotFound    msg.Code = "request.not_found"
	msgHeadTooLarge     msg.Code = "request.head_too_large"
	msgMethodNotAllowed msg.Code = "request.method_not_allowed"

	msgGatewayNoService  msg.Code = "gateway.no_service"
	msgKeyMissing        msg.Code = "apikey.missing"
	msgKeyRepeated       msg.Code = "apikey.repeated"
	msgKeyTooLong        msg.Code = "apikey.too_long"
	msgKeyMalformed      msg.Code = "apikey.malformed"
	msgKeyWrongService   msg.Code = "apikey.wrong_service"
	msgKeyRefused        msg.Code = "apikey.refused"
	msgVerifyServiceBad  msg.Code = "verify.service_invalid"
	msgProxyNetworkValue msg.Code = "server.proxy_network_invalid"
)

// The sentences of the login page (see loginTemplate).
const (
	msgLoginRequestInvalid  msg.Code = "login.request_invalid"
	msgLoginClientUnknown   msg.Code = "login.client_unknown"
	msgLoginRedirectInvalid msg.Code = "login.redirect_invalid"
	msgLoginFormExpired     msg.Code = "login.form_expired"
	msgLoginBlank           msg.Code = "login.blank"
	msgLoginWrong           msg.Code = "login.wrong"
	msgLoginRateLimited     msg.Code = "login.rate_limited"
)
