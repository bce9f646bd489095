package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

const desktopPublishSynopsis msg.Code = "cli.desktop_publish_synopsis"

// maxDesktopBytes bounds a published build: Sésame's MSI is some tens of megabytes.
const maxDesktopBytes = 512 << 20

// desktopPublishCmd publishes a build of the desktop app (its MSI) for the apps
// signed in to this server to update from: stored in the database with its SHA-256,
// which must be the one the operator was given with the build. A file whose SHA-256
// differs is refused, and the refusal journaled.
func desktopPublishCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("desktop publish")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	version := fs.String("version", "", msg.T("cli.desktop_version_flag", nil))
	claimed := fs.String("sha256", "", msg.T("cli.desktop_sha256_flag", nil))
	rest, err := parse(fs, c, msg.T(desktopPublishSynopsis, nil), args)
	if err != nil {
		return err
	}
	if err := required(fs, "db", "version", "sha256"); err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("%s", msg.T("cli.desktop_one_file", nil))
	}
	if _, err := service.ParseDesktopVersion(*version); err != nil {
		return usagef("%s", msg.T(service.MsgDesktopVersionInvalid, nil))
	}
	want := strings.ToLower(strings.TrimSpace(*claimed))
	if b, err := hex.DecodeString(want); err != nil || len(b) != sha256.Size {
		return usagef("%s", msg.T("cli.desktop_sha256_invalid", nil))
	}
	path := rest[0]
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf(msg.T("cli.desktop_read", nil), path, err)
	}
	defer f.Close()
	h := sha256.New()
	size, err := io.Copy(h, io.LimitReader(f, maxDesktopBytes+1))
	if err != nil {
		return fmt.Errorf(msg.T("cli.desktop_read", nil), path, err)
	}
	if size > maxDesktopBytes {
		return fmt.Errorf(msg.T("cli.desktop_too_big", nil), path, maxDesktopBytes>>20)
	}
	got := hex.EncodeToString(h.Sum(nil))
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	actor := msg.T(policyActor, nil)
	if got != want {
		ev := service.AuditEvent{At: now, Actor: actor, Action: service.AuditDesktopRefused, Detail: *version + " " + want + " " + got}
		if err := st.AppendAudit(ctx, ev); err != nil {
			return err
		}
		return fmt.Errorf(msg.T("cli.desktop_sha256_mismatch", nil), path, got, want)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf(msg.T("cli.desktop_read", nil), path, err)
	}
	rel := service.DesktopRelease{Version: *version, SHA256: got, Size: size, FileName: filepath.Base(path), PublishedAt: now, PublishedBy: actor}
	ev := service.AuditEvent{At: now, Actor: actor, Action: service.AuditDesktopPublish, Detail: *version + " " + got}
	if err := st.PutRelease(ctx, rel, f, ev); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.desktop_published", nil)+"\n", rel.Version, rel.FileName, rel.Size, rel.SHA256)
	return nil
}
