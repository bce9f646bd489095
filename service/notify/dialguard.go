package notify

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"syscall"
)

// The addresses a notification never reaches, whoever configured it: a webhook or an
// SMTP server is set by a firm's administrator, and the server must not become their
// way into the machines next to it. Link-local addresses (among them the cloud
// metadata service, 169.254.169.254), unspecified and multicast ones are always
// refused; loopback and private networks too when Config.PublicOnly is set, as a
// server shared by several firms should run (`serve --notify-public-only`). A firm's
// own server keeps them: its SMTP relay is usually on its own network.

// ErrAddressRefused is the dial of an address notifications may not reach. Its text
// names no address.
var ErrAddressRefused = errors.New("notification address refused by the server's network rules")

// refusedAddress reports whether notifications may not reach a.
func refusedAddress(a netip.Addr, publicOnly bool) bool {
	a = a.Unmap()
	switch {
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast(), a.IsMulticast(), a.IsUnspecified():
		return true
	case publicOnly && (a.IsLoopback() || a.IsPrivate() || sharedAddressSpace.Contains(a)):
		return true
	}
	return false
}

// sharedAddressSpace is the carrier-grade NAT range (RFC 6598), private in effect.
var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

// guardedDialer dials like net.Dialer, after name resolution, refusing the addresses
// notifications may not reach: the check is on the address connected to, so a name
// that resolves to a private address is refused too.
func guardedDialer(publicOnly bool) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || refusedAddress(ap.Addr(), publicOnly) {
			return ErrAddressRefused
		}
		return nil
	}}
	return d.DialContext
}
