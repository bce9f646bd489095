package httpserver

import (
	"context"
	"log/slog"
	"strings"
)

// quietHandshakes is the log handler of net/http's own messages that logs failed TLS
// handshakes at DEBUG: a browser meeting the firm's self-signed certificate fails
// one on each visit, until its user accepts it, and a WARN line per visit would
// bury the log. Everything else passes as it came.
type quietHandshakes struct{ slog.Handler }

// handshakeError starts the line net/http logs for a failed TLS handshake.
const handshakeError = "http: TLS handshake error"

// Handle logs a failed handshake at DEBUG, and any other record unchanged.
func (h quietHandshakes) Handle(ctx context.Context, r slog.Record) error {
	if strings.HasPrefix(r.Message, handshakeError) {
		if !h.Handler.Enabled(ctx, slog.LevelDebug) {
			return nil
		}
		r.Level = slog.LevelDebug
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the handshake filter on the derived handler.
func (h quietHandshakes) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandshakes{h.Handler.WithAttrs(attrs)}
}

// WithGroup keeps the handshake filter on the derived handler.
func (h quietHandshakes) WithGroup(name string) slog.Handler {
	return quietHandshakes{h.Handler.WithGroup(name)}
}
