// Command sesame is the desktop app with which a firm's administrator generates,
// lists and revokes the API keys of the firm's online services. Its data lives in one
// SQLite file in the app's storage folder.
package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"sesame/assets"
	"sesame/gui"
	"sesame/service"
	"sesame/service/local"
)

func main() {
	a := app.NewWithID("fr.cabinet.sesame")
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
	gui.Run(a, func(ctx context.Context) (service.Portal, error) {
		p, err := local.Open(ctx, filepath.Join(root, "sesame.db"))
		if err != nil {
			return nil, err // not a nil *local.Portal in a non-nil interface
		}
		return p, nil
	})
}
