// Command sesame is the desktop app with which a firm's administrator generates,
// lists and revokes the API keys of the firm's online services: on this computer (one
// SQLite file in the app's storage folder) or on the firm's server, signed in with the
// passeport login (the refresh token kept in the OS keychain).
package main

import (
	"context"
	_ "embed"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"sesame/assets"
	"sesame/gui"
	"sesame/service"
	"sesame/service/keychain"
	"sesame/service/local"
	"sesame/service/remote"
)

const appID = "fr.cabinet.sesame"

// gcPercent keeps the heap near its live size: a desktop app idles between clicks,
// so the extra collections cost nothing felt, and the keys table of a store of
// 100,000 keys stays within its memory budget (bench/coldstart measures it). GOGC in
// the environment still wins.
const gcPercent = 50

func main() {
	if stop, status := commandLine(os.Args[1:], os.Stdout); stop {
		os.Exit(status) // before any window: a terminal may have no display
	}
	markRunning() // the MSI asks to close a running Sésame before installing
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	a := app.NewWithID(appID)
	if md := a.Metadata(); md.ID == "" || md.Version == "0.0.1" { // built without `fyne package`
		md.ID, md.Name, md.Version, md.Build = appID, "Sésame", tomlValue("Version"), 1
		if b, err := strconv.Atoi(tomlValue("Build")); err == nil {
			md.Build = b
		}
		app.SetMetadata(md)
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	root := a.Storage().RootURI().Path()
	var logOut io.Writer = os.Stderr
	if err := os.MkdirAll(root, 0o700); err == nil {
		if f, err := os.OpenFile(filepath.Join(root, "sesame.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
			defer f.Close()
			logOut = io.MultiWriter(f, os.Stderr)
		}
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(logOut, nil)))
	log.SetOutput(&quietPrefsReload{next: log.Writer()}) // Fyne's messages, through slog
	gui.Run(a, gui.Backends{
		OpenLocal: func(ctx context.Context) (service.Portal, error) {
			p, err := local.Open(ctx, filepath.Join(root, "sesame.db"))
			if err != nil {
				return nil, err // not a nil *local.Portal in a non-nil interface
			}
			// The journal's sealing key lives in the OS keychain; the head is sealed
			// in the background (a keychain may be slow to answer) once a day when it
			// changed, for as long as the app works on this file (ctx).
			seals := keychain.SealKeys{Keychain: keychain.OS{Service: appID}}
			go local.KeepSealed(ctx, p.Store(), seals)
			return p.WithSealKeys(seals), nil
		},
		Local: local.File{Path: filepath.Join(root, "sesame.db")},
		NewSession: func(ctx context.Context, serverURL string) (service.ServerSession, error) {
			s, err := remote.NewSession(ctx, serverURL, keychain.OS{Service: appID})
			if err != nil {
				return nil, err
			}
			return s, nil
		},
	})
}

// fyneAppTOML is FyneApp.toml, so that "À propos" shows the version in a plain
// `go build` too (`fyne package` writes the metadata in the binary itself).
//
//go:embed FyneApp.toml
var fyneAppTOML string

// tomlValue is the value of a key of FyneApp.toml's [Details], "" if absent.
func tomlValue(key string) string {
	for _, line := range strings.Split(fyneAppTOML, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}
