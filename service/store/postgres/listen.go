package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"sesame/service/store"
)

// KeyChannel is the channel on which the database announces key changes: the
// schema's trigger (sqlstore/migrations.go) sends "ID/ORIGIN" after every commit that
// changed what verification depends on, ORIGIN being the sesame.replica setting of the session that made it
// (empty for another tool).
const KeyChannel = "sesame_keys"

// replicaSetting is the session setting that tags a store's announcements.
const replicaSetting = "sesame.replica"

// ListenerName is the application_name of the connection that listens, so that an
// operator (or a test) can find it in pg_stat_activity.
const ListenerName = "sesame key listener"

// How the listening connection checks that it is alive, and how soon it retries.
const (
	heartbeat   = time.Second // a silent connection is pinged this often…
	pingTimeout = time.Second // …and given this long to answer
	retryFirst  = 50 * time.Millisecond
	retryMost   = time.Second
	dialTimeout = 5 * time.Second
)

// WatchKeys announces to ev every key change committed by any replica of this
// database, through a connection of its own that LISTENs to KeyChannel, and the
// changes made through this store at once, each once. When that connection fails (the server
// restarted, the backend was terminated, the network is cut) ev is told it is no
// longer live, and the connection is made again, with a growing delay of at most a
// second, until ctx ends.
func (s *Store) WatchKeys(ctx context.Context, ev store.KeyEvents) {
	stop := s.OnKeyChange(ev.KeyChanged)
	defer stop()
	wait := retryFirst
	for {
		listened, err := s.listen(ctx, ev)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = retryFirst
		}
		if !listened {
			ev.Watching(false, err) // the first attempts, or a failed reconnection
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, retryMost)
	}
}

// listen connects, LISTENs and announces until the connection fails or ctx ends;
// listened reports whether it got as far as listening (and so told ev it was live,
// then not).
func (s *Store) listen(ctx context.Context, ev store.KeyEvents) (listened bool, err error) {
	cfg := s.cfg.Copy()
	cfg.RuntimeParams["application_name"] = ListenerName
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	conn, err := pgx.ConnectConfig(dctx, cfg)
	cancel()
	if err != nil {
		return false, classifyFail(fmt.Errorf("key listener: connect: %w", err))
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, `LISTEN `+KeyChannel); err != nil {
		return false, classifyFail(fmt.Errorf("key listener: listen: %w", err))
	}
	ev.Watching(true, nil)
	defer func() { ev.Watching(false, err) }()
	for {
		wctx, cancel := context.WithTimeout(ctx, heartbeat)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			// This store's own changes were announced in-process after their commit.
			if id, origin, _ := strings.Cut(n.Payload, "/"); origin != s.replica {
				ev.KeyChanged(id)
			}
			continue
		case ctx.Err() != nil:
			return true, ctx.Err()
		case !errors.Is(err, context.DeadlineExceeded) && !pgconn.Timeout(err):
			return true, classifyFail(fmt.Errorf("key listener: %w", err))
		}
		pctx, cancel := context.WithTimeout(ctx, pingTimeout)
		err = conn.Ping(pctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			return true, classifyFail(fmt.Errorf("key listener: ping: %w", err))
		}
	}
}
