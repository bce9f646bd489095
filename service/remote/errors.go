package remote

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"

	"golang.org/x/oauth2"

	"sesame/service"
)

// classifyOAuth maps a token endpoint failure to the service's kinds: a refused or
// spent grant means signing in again; a network failure means the server is down.
func classifyOAuth(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		switch {
		case re.ErrorCode == "invalid_grant":
			// The server no longer holds the session: signed out elsewhere, ended by
			// the operator, or over its longest life.
			return service.Errorf(service.EUNAUTHORIZED, service.MsgSessionClosed, fmt.Errorf("token endpoint: %s", re.ErrorCode))
		case re.Response != nil && re.Response.StatusCode == 401:
			return service.Errorf(service.EUNAUTHORIZED, service.MsgUnauthorized, fmt.Errorf("token endpoint: %s", re.ErrorCode))
		case re.Response != nil && re.Response.StatusCode == 429:
			return service.Errorf(service.ERATELIMITED, service.MsgRateLimited, fmt.Errorf("token endpoint: rate limited"))
		case re.Response != nil && re.Response.StatusCode >= 500:
			return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, fmt.Errorf("token endpoint: status %d", re.Response.StatusCode))
		}
		return service.Errorf(service.EUNAUTHORIZED, MsgSignInRefused, fmt.Errorf("token endpoint: %s", re.ErrorCode))
	}
	return classifyNet(err)
}

// classifyNet maps transport errors to EUNAVAILABLE with the sentence that tells
// them apart: a refused certificate (and why), a server that does not speak TLS, a
// name that does not resolve, and a server that does not answer at all.
func classifyNet(err error) error {
	var se *service.Error
	if errors.As(err, &se) {
		return err
	}
	var ce *service.CertificateError
	if errors.As(err, &ce) {
		return service.Errorf(service.EUNAVAILABLE, certMessage(ce.Problem), err)
	}
	var rh tls.RecordHeaderError
	if errors.As(err, &rh) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") { // net/http's own sentence
		return service.Errorf(service.EUNAVAILABLE, service.MsgNotTLS, err)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return service.Errorf(service.EUNAVAILABLE, service.MsgServerNotFound, err)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, err)
	}
	if errors.Is(err, context.Canceled) {
		return service.Errorf(service.EUNAVAILABLE, MsgSignInCancelled, err)
	}
	return service.Errorf(service.EUNAVAILABLE, service.MsgUnavailable, err)
}
