package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/local"
	"sesame/service/masterkey"
	"sesame/service/store"
	"sesame/service/store/postgres"
	"sesame/service/store/sqlite"
)

// target is the server under load, a bare handler beside it, and the prebuilt
// requests.
type target struct {
	storeName                                string
	addr, bareAddr                           string
	unixPath                                 string // the same server on a Unix socket
	fixedUnixPath                            string // net/http answering a fixed 204 on a Unix socket: the floor of a sub-request
	verifyRequest, tokenRequest, bareRequest []byte
	gatewayRequest                           []byte
	apikey                                   string // "identifier:secret" of the seeded key
	close                                    func()
}

// setUp opens the store, seeds a firm, an administrator and a key, and starts the
// server and the bare handler on 127.0.0.1, and the server on a Unix socket too.
func setUp(ctx context.Context, dsn string) (*target, error) {
	var st httpserver.Store
	var err error
	var cleanup []func()
	name := "SQLite (temporary file)"
	if dsn != "" {
		if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
			return nil, fmt.Errorf("--db takes a postgres:// URL; without it a temporary SQLite file is used")
		}
		name = "PostgreSQL"
		st, err = postgres.Open(ctx, dsn)
	} else {
		dir, derr := os.MkdirTemp("", "sesame-load")
		if derr != nil {
			return nil, derr
		}
		cleanup = append(cleanup, func() { os.RemoveAll(dir) })
		st, err = sqlite.Open(ctx, filepath.Join(dir, "sesame.db"))
	}
	if err != nil {
		return nil, err
	}
	cleanup = append(cleanup, func() { st.Close() })
	closeAll := func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	creds, err := seed(ctx, st)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("seed (the database must be empty): %w", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		closeAll()
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	mk, err := masterkey.Generate() // a throw-away server: its key dies with it
	if err != nil {
		closeAll()
		return nil, err
	}
	srv, err := httpserver.New(ctx, httpserver.Config{Store: st, Issuer: "http://" + ln.Addr().String(), MasterKey: mk, Logger: quiet})
	if err != nil {
		closeAll()
		return nil, err
	}
	hs := httpserver.NewHTTPServer("", srv.Handler(), quiet)
	go hs.Serve(ln)
	cleanup = append(cleanup, func() { hs.Close(); srv.Close(context.Background()) })
	// The same server on a Unix socket too, as sesame-server serve --listen-unix does
	// for a gateway on the same host. nginx's workers run as another user than its
	// master (nobody, when started as root): this throw-away socket lets them in.
	sockDir, err := os.MkdirTemp("", "sesame-load-sock")
	if err != nil {
		closeAll()
		return nil, err
	}
	cleanup = append(cleanup, func() { os.RemoveAll(sockDir) })
	unixPath := filepath.Join(sockDir, "sesame.sock")
	unixLn, err := net.Listen("unix", unixPath)
	if err == nil {
		err = os.Chmod(sockDir, 0o755)
	}
	if err == nil {
		err = os.Chmod(unixPath, 0o666)
	}
	if err != nil {
		closeAll()
		return nil, err
	}
	go hs.Serve(unixLn)
	// The floor of any sub-request through net/http, beside Sésame's socket.
	fixedPath := filepath.Join(sockDir, "fixed.sock")
	fixedLn, err := listenWorld(fixedPath)
	if err != nil {
		closeAll()
		return nil, err
	}
	fixed := fixed204()
	go fixed.Serve(fixedLn)
	cleanup = append(cleanup, func() { fixed.Close() })

	bareLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		closeAll()
		return nil, err
	}
	bare := httpserver.NewHTTPServer("", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"active":true}`)
	}), quiet)
	go bare.Serve(bareLn)
	cleanup = append(cleanup, func() { bare.Close() })

	host := ln.Addr().String()
	basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(creds.Identifier) + ":" + url.QueryEscape(creds.Secret)))
	form := "grant_type=client_credentials"
	return &target{
		storeName: name, addr: host, unixPath: unixPath, fixedUnixPath: fixedPath, bareAddr: bareLn.Addr().String(), apikey: creds.Identifier + ":" + creds.Secret,
		verifyRequest: []byte("POST /v1/verify HTTP/1.1\r\nHost: " + host + "\r\nx-apikey: " + creds.Identifier + ":" + creds.Secret +
			"\r\nContent-Length: 0\r\n\r\n"),
		gatewayRequest: []byte("GET /v1/gateway HTTP/1.1\r\nHost: " + host + "\r\nx-apikey: " + creds.Identifier + ":" + creds.Secret +
			"\r\nX-Sesame-Service: loop-apikey\r\n\r\n"),
		tokenRequest: []byte("POST /oauth2/token HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Basic " + basic +
			"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + fmt.Sprint(len(form)) + "\r\n\r\n" + form),
		bareRequest: []byte("POST /v1/verify HTTP/1.1\r\nHost: " + bareLn.Addr().String() + "\r\nx-apikey: " + creds.Identifier + ":" + creds.Secret +
			"\r\nContent-Length: 0\r\n\r\n"),
		close: closeAll,
	}, nil
}

// seed stores the default catalogue, one firm, its administrator and one key, and
// returns the key's credentials.
func seed(ctx context.Context, st store.Store) (service.Credentials, error) {
	if err := local.SeedCatalogue(ctx, st); err != nil {
		return service.Credentials{}, err
	}
	if err := st.AddTiers(ctx, service.Tiers{Code: "95963", Name: "FUTUROSCOPE CEDEX"}); err != nil {
		return service.Credentials{}, err
	}
	if err := st.PutAdmin(ctx, store.Admin{Login: "load", Name: "LOAD Test", SICCode: "95963", Tiers: []string{"95963"}}); err != nil {
		return service.Credentials{}, err
	}
	g, err := local.New(st, "load").Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "load"})
	if err != nil {
		return service.Credentials{}, err
	}
	return g.Credentials, nil
}
