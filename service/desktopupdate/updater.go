// Package desktopupdate keeps the desktop app up to date from the firm's server: it
// asks for the latest build at start and at most daily, downloads it from that
// server only, checks its SHA-256 and, on Windows when the running program is
// signed, that the build is signed by the same publisher, then starts its installer.
// A download cut short or altered is removed: nothing runs, and the next start asks
// again.
package desktopupdate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

// Every is the longest the app goes without asking the server for a new build.
const Every = 24 * time.Hour

// The sentences of an update that did not go through.
const (
	// MsgCut: the download stopped before its end.
	MsgCut msg.Code = "update.cut"
	// MsgAltered: what arrived is not what the server announced.
	MsgAltered msg.Code = "update.altered"
	// MsgPublisher: the build is not signed by the running program's publisher.
	MsgPublisher msg.Code = "update.publisher"
	// MsgStart: the installer could not be started.
	MsgStart msg.Code = "update.start"
	// MsgWindowsOnly: this system installs no MSI.
	MsgWindowsOnly msg.Code = "update.windows_only"
	// MsgDisk: the build could not be written to the app's folder.
	MsgDisk msg.Code = "update.disk"
	// MsgPerMachine: Sésame is installed for every user; IT installs the new version.
	MsgPerMachine msg.Code = "update.per_machine"
)

// Updater finds, fetches and installs the builds the firm's server publishes.
type Updater struct {
	Source  service.DesktopUpdates // the firm's server, the only place builds come from
	Running string                 // this program's version
	Dir     string                 // where builds are downloaded: the app's own folder
	// Verify checks a downloaded build before it runs ([VerifyPublisher]).
	Verify func(path string) error
	// Start starts a build's installer ([StartInstaller]).
	Start func(path string) error
}

// Due reports whether the server should be asked again: never asked, asked at least
// Every ago, or "asked" in the future (the clock was set back).
func Due(last, now time.Time) bool {
	return last.IsZero() || now.Sub(last) >= Every || now.Before(last)
}

// Check asks the server for its latest build; newer is true when it is higher than
// the running version. A server that publishes none answers no error and false.
func (u *Updater) Check(ctx context.Context) (rel service.DesktopRelease, newer bool, err error) {
	rel, err = u.Source.LatestDesktop(ctx)
	if service.ErrorCode(err) == service.ENOTFOUND {
		return service.DesktopRelease{}, false, nil
	}
	if err != nil {
		return service.DesktopRelease{}, false, err
	}
	return rel, service.DesktopVersionNewer(rel.Version, u.Running), nil
}

// Download fetches rel into Dir through a ".part" file, renamed to its final name
// only once it has rel.Size bytes of SHA-256 rel.SHA256; progress (may be nil) hears
// of every chunk. A download cut short or altered leaves no file behind; a whole one
// removes the builds downloaded before it.
func (u *Updater) Download(ctx context.Context, rel service.DesktopRelease, progress func(done, total int64)) (path string, err error) {
	if _, err := service.ParseDesktopVersion(rel.Version); err != nil {
		return "", err // the version names the file: nothing else goes in it
	}
	if err := os.MkdirAll(u.Dir, 0o700); err != nil {
		return "", service.Errorf(service.EINTERNAL, MsgDisk, err)
	}
	final := filepath.Join(u.Dir, "Sesame-"+rel.Version+".msi")
	part := final + ".part"
	body, err := u.Source.DownloadDesktop(ctx, rel.Version)
	if err != nil {
		return "", err
	}
	defer body.Close()
	f, err := os.OpenFile(part, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return "", service.Errorf(service.EINTERNAL, MsgDisk, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(part)
		}
	}()
	h := sha256.New()
	w := io.MultiWriter(f, h)
	buf := make([]byte, 256<<10)
	var done int64
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			if done+int64(n) > rel.Size {
				return "", service.Errorf(service.EINVALID, MsgAltered, fmt.Errorf("more than the %d bytes announced", rel.Size))
			}
			if _, err := w.Write(buf[:n]); err != nil {
				return "", service.Errorf(service.EINTERNAL, MsgDisk, err)
			}
			done += int64(n)
			if progress != nil {
				progress(done, rel.Size)
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return "", service.Errorf(service.EUNAVAILABLE, MsgCut, rerr)
		}
	}
	if done != rel.Size {
		return "", service.Errorf(service.EUNAVAILABLE, MsgCut, fmt.Errorf("%d bytes of %d", done, rel.Size))
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != rel.SHA256 {
		return "", service.Errorf(service.EINVALID, MsgAltered, fmt.Errorf("SHA-256 %s, announced %s", sum, rel.SHA256))
	}
	if err := f.Close(); err != nil {
		return "", service.Errorf(service.EINTERNAL, MsgDisk, err)
	}
	if err := os.Rename(part, final); err != nil {
		return "", service.Errorf(service.EINTERNAL, MsgDisk, err)
	}
	u.prune(final)
	return final, nil
}

// prune removes from Dir the builds downloaded before keep: installed since, or
// never; Dir holds Sésame's downloads only.
func (u *Updater) prune(keep string) {
	entries, _ := os.ReadDir(u.Dir)
	for _, e := range entries {
		if p := filepath.Join(u.Dir, e.Name()); p != keep && e.Type().IsRegular() {
			os.Remove(p)
		}
	}
}

// Install checks a downloaded build (Verify) and starts its installer (Start); a
// build that fails the check is removed and never started.
func (u *Updater) Install(path string) error {
	verify, start := u.Verify, u.Start
	if verify == nil {
		verify = VerifyPublisher
	}
	if start == nil {
		start = StartInstaller
	}
	if err := verify(path); err != nil {
		os.Remove(path)
		return err
	}
	return start(path)
}
