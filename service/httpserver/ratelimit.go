package httpserver

import (
	"net/http"
	"time"

	"sesame/service/httpserver/throttle"
)

// Limit is how many failed authentications are tolerated: Burst at once, then one
// more every Every.
type Limit = throttle.Limit

// The server's two policies over package throttle, each with its own counts:
//
//   - API keys (verify, client_credentials, introspection's caller): a secret has 256
//     random bits, so guessing it is hopeless and throttling only slows down those who
//     fail. A right secret is always accepted; a failure past the allowance of its
//     (identifier, address) or of its address is answered 429 instead of 401.
//   - Passwords (the login form) can be guessed: past the allowance of (login,
//     address) or of the address, the attempt is refused with 429 before the password
//     is checked, right or wrong. Another address is never affected.
//
// Every 429 is logged with the address, the scope whose allowance is spent and the
// key's identifier or the administrator's login (never a secret, never what was
// typed as a login when no administrator has it).

// keyFailure records that an API key failed to authenticate from r's address and
// returns how long that caller must wait if its allowance was already spent (then
// the answer is 429), else 0. identifier is "" when it names no key.
func (s *Server) keyFailure(r *http.Request, identifier string) time.Duration {
	now, addr := s.now(), ClientAddr(r)
	if wait, scope := s.keyLimits.Wait(identifier, addr, now); wait > 0 {
		s.log.Warn("api key failure throttled", append(logAttrs(r), "key", identifier, "scope", string(scope), "retry_after", wait.Round(time.Second).String())...)
		return wait
	}
	s.keyLimits.Fail(identifier, addr, now)
	return 0
}

// loginThrottled returns how long r's address must wait before it may try login's
// password again; 0 if it may try now. known is the administrator's login when one
// has it, for the log.
func (s *Server) loginThrottled(r *http.Request, login, known string) time.Duration {
	wait, scope := s.loginLimits.Wait(login, ClientAddr(r), s.now())
	if wait > 0 {
		s.log.Warn("login throttled", append(logAttrs(r), "login", known, "scope", string(scope), "retry_after", wait.Round(time.Second).String())...)
	}
	return wait
}

// loginFailed records a wrong password for login from r's address.
func (s *Server) loginFailed(r *http.Request, login string) {
	s.loginLimits.Fail(login, ClientAddr(r), s.now())
}
