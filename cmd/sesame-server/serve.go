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
	"sesame/service/msg"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlstore"
)

const serveSynopsis msg.Code = "cli.serve_master_key_file_fichier"

// shutdownGrace is how long requests in flight have to finish after SIGTERM.
const shutdownGrace = 20 * time.Second

// serveCmd runs the server until SIGTERM or SIGINT.
func serveCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("serve")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	listen := fs.String("listen", "127.0.0.1:8080", msg.T("cli.adresse_ecoute_hote_port", nil))
	unixPath := fs.String("listen-unix", "", msg.T("cli.aussi_socket_unix_http_droits", nil))
	metricsListen := fs.String("metrics-listen", "", msg.T("cli.adresse_hote_port_servir_metrics", nil))
	issuer := fs.String("issuer", "", msg.T("cli.url_publique_serveur_defaut_deduite", nil))
	certFile := fs.String("tls-cert", "", msg.T("cli.certificat_tls_pem", nil))
	keyFile := fs.String("tls-key", "", msg.T("cli.cle_privee_tls_pem", nil))
	insecure := fs.Bool("insecure-http", false, msg.T("cli.autorise_http_clair_adresse_autre", nil))
	accessTTL := fs.Duration("access-token-ttl", 10*time.Minute, msg.T("cli.duree_vie_jeton_acces", nil))
	keyTTL := fs.Duration("key-token-ttl", 5*time.Minute, msg.T("cli.duree_vie_jeton_acces_cle", nil))
	sessionTTL := fs.Duration("session-ttl", 30*24*time.Hour, msg.T("cli.duree_maximale_connexion_application_renouvellements", nil))
	var trusted proxiesFlag
	fs.Var(&trusted, "trusted-proxy", msg.T("cli.reseau_cidr_adresse_mandataire_dont", nil))
	maxConns := fs.Int("max-connections", httpserver.DefaultMaxConnections, msg.T("cli.connexions_ouvertes_plus_dela_connexion", nil))
	drainDelay := fs.Duration("drain-delay", 5*time.Second, msg.T("cli.apres_sigterm_duree_pendant_laquelle", nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.fichier_cle_maitresse_master_key", nil))
	leakKeys := fs.String("leak-report-keys", "", msg.T("cli.serve_leak_report_keys", nil))
	notifyPublicOnly := fs.Bool("notify-public-only", false, msg.T("cli.serve_notify_public_only", nil))
	replicas := fs.Int("replicas", 1, msg.T("cli.serve_replicas", nil))
	debug := fs.Bool("debug", false, msg.T("cli.journal_detaille", nil))
	if err := parseOptions(fs, c, msg.T(serveSynopsis, nil), args, "db"); err != nil {
		return err
	}
	if *drainDelay < 0 || *drainDelay > 5*time.Minute {
		return usagef("%s", msg.T("cli.drain_delay_5m", nil))
	}
	if *replicas < 1 {
		return usagef("%s", msg.T("cli.serve_replicas_bad", nil))
	}
	if *maxConns < 1 {
		return usagef("%s", msg.T("cli.max_connections_doit_etre_moins", nil))
	}
	if *accessTTL < time.Second || *accessTTL > 24*time.Hour || *sessionTTL < time.Minute || *keyTTL < time.Second || *keyTTL > time.Hour {
		return usagef("%s", msg.T("cli.durees_non_valides_access_token", nil))
	}
	useTLS := *certFile != "" || *keyFile != ""
	if useTLS && (*certFile == "" || *keyFile == "") {
		return usagef("%s", msg.T("cli.tls_cert_tls_key_vont", nil))
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return usagef(msg.T("cli.adresse_ecoute_non_valide", nil), *listen)
	}
	if _, _, err := net.SplitHostPort(*metricsListen); *metricsListen != "" && err != nil {
		return usagef(msg.T("cli.adresse_metrics_listen_non_valide", nil), *metricsListen)
	}
	loopback := isLoopback(host)
	if !useTLS && !loopback && !*insecure {
		return usagef("%s", msg.T("cli.http_clair_hors_boucle_locale", nil))
	}
	if *issuer == "" && !loopback {
		return usagef("%s", msg.T("cli.issuer_obligatoire_quand_listen_boucle", nil))
	}
	var tlsCert tls.Certificate
	if useTLS {
		if tlsCert, err = tls.LoadX509KeyPair(*certFile, *keyFile); err != nil {
			return fmt.Errorf(msg.T("cli.certificat_tls", nil), err)
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
	var leakReportKeys httpserver.LeakReportKeys
	if *leakKeys != "" {
		if leakReportKeys, err = httpserver.ReadLeakReportKeys(*leakKeys); err != nil {
			return fmt.Errorf(msg.T("cli.serve_leak_report_keys_bad", nil), *leakKeys, err)
		}
	}
	level := slog.LevelInfo
	if *debug {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: level}))

	// Every listener is bound, and the database checked reading only, before
	// anything is written: a busy address or a wrong master key leaves it as it was.
	var unixLn net.Listener
	if *unixPath != "" {
		if unixLn, err = listenUnix(*unixPath); err != nil {
			return fmt.Errorf(msg.T("cli.ecoute_socket", nil), *unixPath, err)
		}
		defer unixLn.Close() // removes the socket, whichever way serve ends
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf(msg.T("cli.ecoute", nil), *listen, err)
	}
	defer ln.Close() // if serve ends before it serves
	// The operator's explicit choice: the public listener serves the metrics too.
	sharedMetrics := *metricsListen == *listen && !strings.HasSuffix(*listen, ":0")
	var metricsLn net.Listener
	if *metricsListen != "" && !sharedMetrics {
		if metricsLn, err = net.Listen("tcp", *metricsListen); err != nil {
			return fmt.Errorf(msg.T("cli.ecoute_metrics_listen", nil), *metricsListen, err)
		}
		defer metricsLn.Close()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := checkDatabase(ctx, *db, mk, keyPath); err != nil {
		return err
	}
	st, err := open(ctx, *db) // the first write: migrations
	if err != nil {
		return err
	}
	defer st.Close()
	if pg, ok := st.(*postgres.Store); ok && pg.NameIndexMissing() {
		log.Warn(msg.T(postgres.MsgNameIndexMissing, msg.Params{"SQL": sqlstore.NameIndexSQL}))
	}
	if err := local.SeedCatalogue(ctx, st); err != nil {
		return err
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
		TrustedProxies: trusted.list, LeakReportKeys: leakReportKeys, NotifyPublicOnly: *notifyPublicOnly, Replicas: *replicas,
	})
	if err != nil {
		return masterKeyError(err, keyPath)
	}
	handler := srv.Handler()
	var metricsSrv *http.Server
	switch {
	case sharedMetrics:
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", srv.MetricsHandler())
		mux.Handle("/", handler)
		handler = mux
	case metricsLn != nil:
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
	if len(trusted.list) == 0 {
		log.Warn("no --trusted-proxy: X-Forwarded-For, Forwarded and X-Real-IP are not believed, and a key with an address list is refused " +
			"when its caller names the client it relays for (a gateway, sesame/verify); list such callers with --trusted-proxy")
	}
	if useTLS {
		warnIssuerNotInCert(c, log, tlsCert, *issuer)
	}
	if unixLn != nil {
		log.Info("listening on unix socket", "path", *unixPath, "mode", fmt.Sprintf("%04o", unixSocketMode))
	}

	select {
	case err := <-served:
		_ = srv.Close(context.WithoutCancel(ctx))
		return fmt.Errorf(msg.T("cli.serveur_http", nil), err)
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
		return fmt.Errorf(msg.T("cli.serveur_http", nil), err)
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
		return fmt.Errorf(msg.T("cli.ecriture_dernieres_utilisations", nil), err)
	}
	if shutdownErr != nil {
		return fmt.Errorf(msg.T("cli.arret", nil), shutdownErr)
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
		return fmt.Errorf("%s", msg.T("cli.aucun_reseau", nil))
	}
	f.list = append(f.list, l...)
	return nil
}
