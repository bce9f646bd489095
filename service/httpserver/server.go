// Package httpserver is Sésame's firm server over HTTP: the /v1 JSON API that the
// desktop app's remote Portal calls, the key verification endpoint for gateways, and
// a small hand-written OAuth2 authorization server (RFC 6749, 7636, 7009, 7662, 8252,
// 8414, 9068) on go-jose. Every request acts through the same local Portal as the
// desktop's local mode, for the administrator its bearer token names.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sesame/service"
	"sesame/service/httpserver/throttle"
	"sesame/service/keycache"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/notify"
	"sesame/service/store"
)

// Store is what the server needs from a database: the domain's store, the
// authorization server's and the desktop builds'. Both sqlite.Store and
// postgres.Store are one.
type Store interface {
	store.Store
	store.AuthStore
	store.ReleaseStore
	store.NotifyStore
}

// DesktopClientID is the OAuth2 client ID of the desktop app, a public client (RFC
// 6749 §2.1) that signs in with the authorization code grant and PKCE.
const DesktopClientID = "sesame-desktop"

// Config is how a Server is set up. Zero durations take the defaults in brackets.
type Config struct {
	Store  Store
	Issuer string // the server's public base URL, e.g. "https://sesame.cabinet.fr"
	// MasterKey seals the signing keys and shared secrets in the database; every
	// replica must have the same. Required (ErrNoMasterKey).
	MasterKey *masterkey.Key
	Logger    *slog.Logger

	AccessTokenTTL time.Duration // [10 min] lifetime of an administrator's access token
	// [5 min] lifetime of an API key's access token (client_credentials). The
	// server's introspection refuses it the instant the key is revoked; a resource
	// server that only checks the JWT offline accepts it up to this long after.
	KeyTokenTTL     time.Duration
	RefreshTokenTTL time.Duration // [14 days] how long an unused refresh token lives
	SessionTTL      time.Duration // [30 days] the longest a sign-in lasts, refreshes included
	CodeTTL         time.Duration // [1 min] lifetime of an authorization code
	SigningKeyTTL   time.Duration // [30 days] age at which a new signing key is made
	TouchInterval   time.Duration // [5 s] how often last uses are written to the store
	// MaxImportBytes caps a desktop file sent to POST /v1/import. [1 GiB]
	MaxImportBytes int64
	// KeyCacheTTL bounds how long a key verified from memory may go unread from the
	// store, should the announcement of a change to it be lost. [10 s]
	KeyCacheTTL time.Duration

	// Failed authentications allowed per (identifier, client address), the identifier
	// a login or a key, and per client address, before 429 (see ratelimit.go: a
	// right API key is never refused). [5 then one a minute; 30 then one every 10 s]
	IdentifierLimit Limit
	AddressLimit    Limit

	// The proxies whose X-Forwarded-For or Forwarded header names the client (see
	// ClientAddr); none by default: the connection's peer is the client.
	TrustedProxies TrustedProxies

	// The keys whose signatures a leak report (POST /v1/leaks) may carry; none: the
	// endpoint answers 404.
	LeakReportKeys LeakReportKeys

	// NotifyInterval is how often the journal, the seals and the keys nearing expiry
	// are looked at for notifications, and due deliveries made. [30 s]
	NotifyInterval time.Duration
	// Notify, if set, replaces the notifier's defaults (its clock and HTTP client,
	// the SMTP TLS configuration): what tests change.
	Notify func(*notify.Config)
	// NotifyPublicOnly keeps webhooks and SMTP servers off loopback and private
	// networks (notify.Config.PublicOnly): a server shared by several firms.
	NotifyPublicOnly bool
	// Replicas is how many servers share the keys' rate limits behind one load
	// balancer: each allows its share (keyrates.go). [1]
	Replicas int

	Now func() time.Time // [time.Now]
}

func (c *Config) setDefaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.AccessTokenTTL, 10*time.Minute)
	def(&c.KeyTokenTTL, 5*time.Minute)
	def(&c.RefreshTokenTTL, 14*24*time.Hour)
	def(&c.SessionTTL, 30*24*time.Hour)
	def(&c.CodeTTL, time.Minute)
	def(&c.SigningKeyTTL, 30*24*time.Hour)
	def(&c.TouchInterval, 5*time.Second)
	def(&c.KeyCacheTTL, 10*time.Second)
	def(&c.NotifyInterval, 30*time.Second)
	if c.IdentifierLimit.Burst <= 0 || c.IdentifierLimit.Every <= 0 {
		c.IdentifierLimit = Limit{Burst: 5, Every: time.Minute}
	}
	if c.AddressLimit.Burst <= 0 || c.AddressLimit.Every <= 0 {
		c.AddressLimit = Limit{Burst: 30, Every: 10 * time.Second}
	}
	if c.MaxImportBytes <= 0 {
		c.MaxImportBytes = maxImportBytes
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Issuer = strings.TrimRight(c.Issuer, "/")
}

// Server serves Sésame over HTTP. Create it with New, mount Handler, and Close it
// after the http.Server has shut down, so that the last uses still buffered are
// written.
type Server struct {
	cfg     Config
	st      Store
	log     *slog.Logger
	now     func() time.Time
	keys    *keyring
	csrfKey []byte
	// sealKeys seal the journal's head (auditseal.go), whose next daily check is
	// not before nextSealCheck (Unix microseconds).
	sealKeys      masterSealKey
	nextSealCheck atomic.Int64
	// Failed authentications, counted apart for API keys and passwords.
	keyLimits   *throttle.Throttle
	loginLimits *throttle.Throttle
	// Pickup links (pickup.go): their openings, and wrong codes counted per address.
	pickups      *local.Pickups
	pickupLimits *throttle.Throttle
	used         *lastUsed
	notifier     *notify.Notifier
	rates        *keyRates // the keys' rate limits on this replica
	cache        *keycache.Cache
	keyTokens    keyTokens       // client_credentials tokens handed out again (keytokens.go)
	bg           context.Context // ends when the server closes
	pw           *passwords
	services     knownServices
	importing    sync.Mutex // one import at a time (v1import.go): each holds the write lock for long
	metrics      *metrics
	draining     atomic.Bool // /readyz fails: the replica is shutting down
	migrated     atomic.Bool // the schema was found complete once: no need to look again
	mux          *http.ServeMux
	stop         context.CancelFunc
	done         sync.WaitGroup
	closeErr     error
	closing      sync.Once
}

// New prepares a Server on a migrated store: it loads or creates the signing keys and
// the shared form secret, and starts the background writer of last uses.
func New(ctx context.Context, cfg Config) (*Server, error) {
	cfg.setDefaults()
	if cfg.Store == nil {
		return nil, errors.New("httpserver: no store")
	}
	if cfg.MasterKey == nil {
		return nil, ErrNoMasterKey
	}
	if !strings.HasPrefix(cfg.Issuer, "https://") && !strings.HasPrefix(cfg.Issuer, "http://") {
		return nil, fmt.Errorf("httpserver: issuer %q is not an http(s) URL", cfg.Issuer)
	}
	s := &Server{
		cfg: cfg, st: cfg.Store, log: cfg.Logger, now: cfg.Now,
		keyLimits:   throttle.New(cfg.IdentifierLimit, cfg.AddressLimit),
		loginLimits: throttle.New(cfg.IdentifierLimit, cfg.AddressLimit),
		// A link takes service.MaxHandoverFailures wrong codes in all; one address
		// may spend 3 of them at once, then one a minute.
		pickupLimits: throttle.New(Limit{Burst: 3, Every: time.Minute}, cfg.AddressLimit),
		pickups:      local.NewPickups(cfg.Store, cfg.MasterKey, cfg.Now),
	}
	sealKey, err := service.NewSealKey(cfg.MasterKey.AuditSealKey())
	if err != nil {
		return nil, err
	}
	s.sealKeys = masterSealKey{sealKey}
	s.keys = newKeyring(cfg.Store, cfg.MasterKey, cfg.Logger, cfg.Now, cfg.SigningKeyTTL, max(cfg.AccessTokenTTL, cfg.KeyTokenTTL))
	if err := s.sealStored(ctx); err != nil {
		return nil, fmt.Errorf("sealed secrets: %w", err)
	}
	if err := s.keys.refresh(ctx); err != nil {
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	if s.csrfKey, err = s.serverSecret(ctx, "csrf"); err != nil {
		return nil, fmt.Errorf("form secret: %w", err)
	}
	if s.pw, err = newPasswords(); err != nil {
		return nil, err
	}
	s.used = newLastUsed(cfg.Store, cfg.Logger)
	s.notifier = s.newNotifier()
	s.rates = newKeyRates(cfg.Replicas)
	s.cache = keycache.New(cfg.Store.KeyByID, cfg.KeyCacheTTL, cfg.Now)
	s.metrics = newMetrics(cfg.Store, s.cache.Stats)
	s.routes()
	bg, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.bg, s.stop = bg, stop
	s.done.Add(3)
	go s.background(bg)
	go s.notifyLoop(bg)
	go func() {
		defer s.done.Done()
		cfg.Store.WatchKeys(bg, &keyEvents{s: s})
	}()
	return s, nil
}

// ctxAlive reports whether the server is still running (not closing).
func (s *Server) ctxAlive() bool { return s.bg.Err() == nil }

// Handler returns the server's routes wrapped in the security headers, each request
// knowing its client's address (ClientAddr), timed for /metrics, and refused with
// 431 if its head is too large (logged), 400 if it holds invalid text.
func (s *Server) Handler() http.Handler {
	return WithClientAddr(s.cfg.TrustedProxies, securityHeaders(s.metrics.timed(s.limitHead(s.validInput(s.mux)))))
}

// Close stops the background work and writes the last uses still buffered.
func (s *Server) Close(ctx context.Context) error {
	s.closing.Do(func() {
		s.stop()
		s.done.Wait()
		s.closeErr = s.used.flush(ctx)
	})
	return s.closeErr
}

// background writes last uses every TouchInterval and, less often, reloads the
// signing keys (to see those another replica made), rotates them, purges what has
// expired, and seals the journal's head once a day; the old secrets whose grace ran out while no server ran are
// forgotten, and their ends journaled, at once.
func (s *Server) background(ctx context.Context) {
	defer s.done.Done()
	s.forgetEndedGraces(ctx, s.now())
	touch := time.NewTicker(s.cfg.TouchInterval)
	defer touch.Stop()
	housekeeping := time.NewTicker(time.Minute)
	defer housekeeping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-touch.C:
			if err := s.used.flush(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("writing last uses", "err", err)
			}
		case <-housekeeping.C:
			s.housekeeping(ctx)
		}
	}
}

func (s *Server) housekeeping(ctx context.Context) {
	now := s.now()
	if err := s.keys.refresh(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("reloading signing keys", "err", err)
	}
	if err := s.st.PurgeAuth(ctx, now); err != nil && ctx.Err() == nil {
		s.log.Error("purging expired grants", "err", err)
	}
	s.forgetEndedGraces(ctx, now)
	if err := s.st.ForgetEndedHandovers(ctx, now); err != nil && ctx.Err() == nil {
		s.log.Error("forgetting the secrets of expired pickup links", "err", err)
	}
	s.sealDaily(ctx, now)
	s.keyLimits.Prune(now)
	s.rates.prune(now)
	s.loginLimits.Prune(now)
	s.pickupLimits.Prune(now)
}

// forgetEndedGraces forgets the old secrets whose grace ended by now and journals
// each end once (other replicas sweeping at the same time write nothing twice).
func (s *Server) forgetEndedGraces(ctx context.Context, now time.Time) {
	if err := s.st.ForgetEndedGraces(ctx, now); err != nil && ctx.Err() == nil {
		s.log.Error("forgetting old secrets", "err", err)
	}
}

// NewHTTPServer returns an http.Server for handler with every timeout set, so that
// no client can hold a connection or a goroutine open at will.
func NewHTTPServer(addr string, handler http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    headReadLimit, // limitHead refuses, and logs, what is over maxHeadBytes
		ErrorLog:          slog.NewLogLogger(quietHandshakes{log.Handler()}, slog.LevelWarn),
	}
}
