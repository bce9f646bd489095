package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
	"sesame/service/masterkey"
)

const serveSynopsis = `sesame-server serve --db DSN --master-key-file FICHIER [--listen 127.0.0.1:8080] [--listen-unix CHEMIN]
      [--metrics-listen ADRESSE] [--issuer URL] [--tls-cert F --tls-key F] [--insecure-http]
      [--trusted-proxy CIDR...] [--max-connections 1000] [--drain-delay 5s]
      [--access-token-ttl 10m] [--key-token-ttl 5m] [--session-ttl 720h] [--debug]

Sert l'API /v1, la vérification des clés et le serveur d'autorisation OAuth2.
Refuse de démarrer sans clé maîtresse (--master-key-file, ou le fichier que nomme
SESAME_MASTER_KEY_FILE ; sesame-server master-key init en crée une) ou avec une autre
que celle qui a chiffré les secrets de la base.
Ne sert qu'une base créée par sesame-server init ; la met à jour au démarrage et y
met le catalogue par défaut si elle n'en a pas. Rien n'est écrit avant que toutes les
vérifications (options, certificat, clé maîtresse, base) aient réussi.
Sans TLS, n'écoute que sur la boucle locale, sauf --insecure-http (derrière un
mandataire TLS). Avec TLS, écrit au démarrage l'empreinte SHA-256 du certificat
(cert_sha256=…, la même que sesame-server tls fingerprint) : l'application la montre
avant qu'on fasse confiance à un certificat du cabinet. S'arrête proprement sur
SIGTERM ou SIGINT : /readyz échoue d'abord, pendant --drain-delay, le temps que le
répartiteur de charge retire l'instance, puis les requêtes en cours se terminent.
/healthz et /readyz servent aux sondes. Les métriques (Prometheus, /metrics) ne sont
servies que sur --metrics-listen (HTTP sans TLS), une adresse du réseau de supervision :
jamais sur --listen, sauf si --metrics-listen donne la même adresse que --listen.
--listen-unix sert aussi la même API sur une socket Unix (HTTP sans TLS, droits 0660 :
l'utilisateur et le groupe du serveur), pour une passerelle sur la même machine
(nginx : upstream { server unix:CHEMIN; }) : moins coûteux que TCP à chaque
vérification ; une connexion par la socket compte comme venant de 127.0.0.1.
L'adresse du client (limitation des échecs, dernière utilisation, journal) est celle
de la connexion ; elle n'est lue dans X-Forwarded-For ou Forwarded que si la
connexion vient d'un mandataire de --trusted-proxy (répétable, ou séparés par des
virgules).`

// shutdownGrace is how long requests in flight have to finish after SIGTERM.
const shutdownGrace = 20 * time.Second

// serveCmd runs the server until SIGTERM or SIGINT.
func serveCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("serve")
	db := fs.String("db", "", dbFlagHelp)
	listen := fs.String("listen", "127.0.0.1:8080", "adresse d'écoute hôte:port")
	unixPath := fs.String("listen-unix", "", "aussi sur cette socket Unix (HTTP, droits 0660), pour une passerelle sur la même machine")
	metricsListen := fs.String("metrics-listen", "", "adresse hôte:port où servir /metrics (Prometheus, HTTP sans TLS) ; par défaut, nulle part")
	issuer := fs.String("issuer", "", "URL publique du serveur (par défaut : déduite de --listen)")
	certFile := fs.String("tls-cert", "", "certificat TLS (PEM)")
	keyFile := fs.String("tls-key", "", "clé privée TLS (PEM)")
	insecure := fs.Bool("insecure-http", false, "autorise HTTP en clair sur une adresse autre que la boucle locale")
	accessTTL := fs.Duration("access-token-ttl", 10*time.Minute, "durée de vie d'un jeton d'accès")
	keyTTL := fs.Duration("key-token-ttl", 5*time.Minute, "durée de vie d'un jeton d'accès de clé d'API (client_credentials) : ce qu'un vérificateur hors ligne accepte encore après la révocation de la clé")
	sessionTTL := fs.Duration("session-ttl", 30*24*time.Hour, "durée maximale d'une connexion de l'application, renouvellements compris")
	var trusted proxiesFlag
	fs.Var(&trusted, "trusted-proxy", "réseau (CIDR) ou adresse d'un mandataire dont on croit X-Forwarded-For et Forwarded")
	maxConns := fs.Int("max-connections", httpserver.DefaultMaxConnections, "connexions ouvertes au plus ; au-delà, une connexion inactive cède sa place, sinon la nouvelle est fermée")
	drainDelay := fs.Duration("drain-delay", 5*time.Second, "après SIGTERM, durée pendant laquelle /readyz échoue avant l'arrêt")
	mkFile := fs.String("master-key-file", "", "fichier de la clé maîtresse (sesame-server master-key init), le même pour chaque instance ; à défaut, la variable SESAME_MASTER_KEY_FILE")
	debug := fs.Bool("debug", false, "journal détaillé")
	if err := parseOptions(fs, c, serveSynopsis, args, "db"); err != nil {
		return err
	}
	if *drainDelay < 0 || *drainDelay > 5*time.Minute {
		return usagef("--drain-delay de 0 à 5m")
	}
	if *maxConns < 1 {
		return usagef("--max-connections doit être d'au moins 1")
	}
	if *accessTTL < time.Second || *accessTTL > 24*time.Hour || *sessionTTL < time.Minute || *keyTTL < time.Second || *keyTTL > time.Hour {
		return usagef("durées non valides : --access-token-ttl de 1s à 24h, --key-token-ttl de 1s à 1h, --session-ttl d'au moins 1m")
	}
	useTLS := *certFile != "" || *keyFile != ""
	if useTLS && (*certFile == "" || *keyFile == "") {
		return usagef("--tls-cert et --tls-key vont ensemble")
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return usagef("adresse d'écoute non valide : %s", *listen)
	}
	if _, _, err := net.SplitHostPort(*metricsListen); *metricsListen != "" && err != nil {
		return usagef("adresse de --metrics-listen non valide : %s (hôte:port)", *metricsListen)
	}
	loopback := isLoopback(host)
	if !useTLS && !loopback && !*insecure {
		return usagef("HTTP en clair hors de la boucle locale : donnez --tls-cert et --tls-key, ou --insecure-http derrière un mandataire TLS")
	}
	if *issuer == "" && !loopback {
		return usagef("--issuer est obligatoire quand --listen n'est pas sur la boucle locale")
	}
	var tlsCert tls.Certificate
	if useTLS {
		if tlsCert, err = tls.LoadX509KeyPair(*certFile, *keyFile); err != nil {
			return fmt.Errorf("certificat TLS : %w", err)
		}
	}
	keyPath := *mkFile
	if keyPath == "" {
		keyPath = os.Getenv(masterkey.EnvFile)
	}
	mk, err := serveMasterKey(keyPath)
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if *debug {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: level}))

	var unixLn net.Listener
	if *unixPath != "" {
		// Before anything else, so that a wrong path stops serve at once.
		if unixLn, err = listenUnix(*unixPath); err != nil {
			return fmt.Errorf("écoute sur la socket %s : %w", *unixPath, err)
		}
		defer unixLn.Close() // removes the socket, whichever way serve ends
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := local.SeedCatalogue(ctx, st); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("écoute sur %s : %w", *listen, err)
	}
	if *issuer == "" {
		scheme := "http"
		if useTLS {
			scheme = "https"
		}
		*issuer = scheme + "://" + ln.Addr().String()
	}
	srv, err := httpserver.New(ctx, httpserver.Config{
		Store: st, Issuer: *issuer, Logger: log, MasterKey: mk, AccessTokenTTL: *accessTTL, KeyTokenTTL: *keyTTL, SessionTTL: *sessionTTL,
		TrustedProxies: trusted.list,
	})
	if err != nil {
		_ = ln.Close()
		return masterKeyError(err, keyPath)
	}
	handler := srv.Handler()
	var metricsSrv *http.Server
	var metricsLn net.Listener
	switch {
	case *metricsListen == "":
	case *metricsListen == *listen && !strings.HasSuffix(*listen, ":0"):
		// The operator's explicit choice: the public listener serves them too.
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", srv.MetricsHandler())
		mux.Handle("/", handler)
		handler = mux
	default:
		if metricsLn, err = net.Listen("tcp", *metricsListen); err != nil {
			_ = ln.Close()
			_ = srv.Close(ctx)
			return fmt.Errorf("écoute sur %s (--metrics-listen) : %w", *metricsListen, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", srv.MetricsHandler())
		metricsSrv = httpserver.NewHTTPServer(*metricsListen, mux, log)
	}
	hs := httpserver.NewHTTPServer(*listen, handler, log)
	connLimit := httpserver.NewConnLimiter(*maxConns, log)
	hs.ConnState = connLimit.ConnState
	ln = connLimit.Listener(ln)
	served, listeners := make(chan error, 3), 1
	if metricsSrv != nil {
		listeners++
		go func() { served <- metricsSrv.Serve(metricsLn) }()
	}
	if unixLn != nil {
		listeners++
		go func() { served <- hs.Serve(connLimit.Listener(unixLn)) }()
	}
	if useTLS {
		hs.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{tlsCert}}
		go func() { served <- hs.ServeTLS(ln, "", "") }() // HTTP/2 and HTTP/1.1
	} else {
		go func() { served <- hs.Serve(ln) }()
	}
	attrs := []any{"addr", ln.Addr().String(), "issuer", *issuer, "tls", useTLS, "trusted_proxies", trusted.String()}
	if useTLS {
		// What the desktop shows before the administrator trusts a certificate of
		// the firm's own: the two must match (also: sesame-server tls fingerprint).
		attrs = append(attrs, "cert_sha256", service.Fingerprint(tlsCert.Certificate[0]))
	}
	if metricsLn != nil {
		attrs = append(attrs, "metrics", metricsLn.Addr().String())
	}
	log.Info("listening", attrs...)
	if useTLS {
		warnIssuerNotInCert(c, log, tlsCert, *issuer)
	}
	if unixLn != nil {
		log.Info("listening on unix socket", "path", *unixPath, "mode", fmt.Sprintf("%04o", unixSocketMode))
	}

	select {
	case err := <-served:
		_ = srv.Close(context.WithoutCancel(ctx))
		return fmt.Errorf("serveur HTTP : %w", err)
	case <-ctx.Done():
	}
	// Not ready first, still serving: the load balancer sees /readyz fail and stops
	// sending requests; a second signal skips the wait.
	stop()
	srv.Drain()
	log.Info("draining", "delay", drainDelay.String())
	select {
	case <-time.After(*drainDelay):
	case err := <-served:
		_ = srv.Close(context.WithoutCancel(ctx))
		return fmt.Errorf("serveur HTTP : %w", err)
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	shutdownErr := hs.Shutdown(sctx)
	if metricsSrv != nil {
		_ = metricsSrv.Shutdown(sctx)
	}
	for range listeners {
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
		}
	}
	if err := srv.Close(sctx); err != nil {
		return fmt.Errorf("écriture des dernières utilisations : %w", err)
	}
	if shutdownErr != nil {
		return fmt.Errorf("arrêt : %w", shutdownErr)
	}
	log.Info("stopped")
	return nil
}

// isLoopback reports whether a listen host is the loopback interface only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// proxiesFlag collects --trusted-proxy, given once or more, each a list.
type proxiesFlag struct{ list httpserver.TrustedProxies }

func (f *proxiesFlag) String() string {
	var b strings.Builder
	for i, p := range f.list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

func (f *proxiesFlag) Set(s string) error {
	l, err := httpserver.ParseTrustedProxies(s)
	if err != nil {
		return err
	}
	if len(l) == 0 {
		return fmt.Errorf("aucun réseau")
	}
	f.list = append(f.list, l...)
	return nil
}
