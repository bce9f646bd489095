package service

import (
	"net"
	"net/url"
	"sesame/service/msg"
	"strings"
)

// MsgServerURLInvalid and MsgServerURLInsecure explain a refused server address.
const (
	MsgServerURLInvalid  msg.Code = "server.url_invalid"
	MsgServerURLInsecure msg.Code = "server.url_insecure"
)

// NormalizeServerURL checks the address of the firm's server and returns it without a
// trailing slash: https is required, except on this computer (127.0.0.1, ::1,
// localhost), where http is allowed for a server run beside the app. It fits
// Entry.Validator through ValidateServerURL.
func NormalizeServerURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", FieldError("server", MsgServerURLInvalid)
	}
	switch u.Scheme {
	case "https":
	case "http":
		host := u.Hostname()
		ip := net.ParseIP(host)
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return "", FieldError("server", MsgServerURLInsecure)
		}
	default:
		return "", FieldError("server", MsgServerURLInvalid)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// ValidateServerURL is NormalizeServerURL as a validator.
func ValidateServerURL(raw string) error {
	_, err := NormalizeServerURL(raw)
	return err
}
