package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"sesame/service"
)

// releasePart is the size of the rows a desktop build's file is stored in: small
// enough that serving it holds one part in memory, large enough that a build is a
// few dozen rows.
const releasePart = 1 << 20

// PutRelease stores a desktop build, its file in parts, and its audit event last
// (the journal's head is held only at the end of the transaction).
func (s *Store) PutRelease(ctx context.Context, r service.DesktopRelease, body io.Reader, ev service.AuditEvent) error {
	v, err := service.ParseDesktopVersion(r.Version)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM desktop_releases WHERE version = ?`), r.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return service.Errorf(service.ECONFLICT, service.MsgDesktopReleaseExists, nil)
		}
		h := sha256.New()
		buf := make([]byte, releasePart)
		var size int64
		for part := 0; ; part++ {
			k, err := io.ReadFull(body, buf)
			if k > 0 {
				h.Write(buf[:k])
				size += int64(k)
				if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO desktop_release_parts (version, part, data) VALUES (?, ?, ?)`),
					r.Version, part, buf[:k]); err != nil {
					return err
				}
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			if err != nil {
				return service.Errorf(service.EINVALID, service.MsgUnexpected, fmt.Errorf("reading the build: %w", err))
			}
		}
		if sum := hex.EncodeToString(h.Sum(nil)); sum != r.SHA256 || size != r.Size {
			return service.Errorf(service.EINVALID, service.MsgUnexpected,
				fmt.Errorf("the build changed while it was read: %d bytes of SHA-256 %s, want %d bytes of %s", size, sum, r.Size, r.SHA256))
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO desktop_releases (version, major, minor, patch, sha256, size, file_name, published_at, published_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), r.Version, v[0], v[1], v[2], r.SHA256, r.Size, r.FileName, r.PublishedAt.UnixMicro(), r.PublishedBy); err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, ev)
	})
}

const releaseColumns = `version, sha256, size, file_name, published_at, published_by`

// scanRelease reads one row of releaseColumns.
func scanRelease(row *sql.Row) (service.DesktopRelease, error) {
	var r service.DesktopRelease
	var at int64
	err := row.Scan(&r.Version, &r.SHA256, &r.Size, &r.FileName, &at, &r.PublishedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return service.DesktopRelease{}, service.Errorf(service.ENOTFOUND, service.MsgDesktopNoRelease, nil)
	}
	r.PublishedAt = time.UnixMicro(at)
	return r, err
}

// LatestRelease returns the highest version stored.
func (s *Store) LatestRelease(ctx context.Context) (service.DesktopRelease, error) {
	r, err := scanRelease(s.db.QueryRowContext(ctx, `SELECT `+releaseColumns+` FROM desktop_releases
		ORDER BY major DESC, minor DESC, patch DESC LIMIT 1`))
	return r, s.fail(err)
}

// Release returns a stored version.
func (s *Store) Release(ctx context.Context, version string) (service.DesktopRelease, error) {
	r, err := scanRelease(s.db.QueryRowContext(ctx, s.q(`SELECT `+releaseColumns+` FROM desktop_releases WHERE version = ?`), version))
	return r, s.fail(err)
}

// WriteRelease writes a stored version's file, one part per query: a version never
// changes, so its parts need no transaction around them.
func (s *Store) WriteRelease(ctx context.Context, version string, w io.Writer) error {
	var parts int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM desktop_release_parts WHERE version = ?`), version).Scan(&parts); err != nil {
		return s.fail(err)
	}
	if _, err := s.Release(ctx, version); err != nil {
		return err
	}
	for part := 0; part < parts; part++ {
		var data []byte
		if err := s.db.QueryRowContext(ctx, s.q(`SELECT data FROM desktop_release_parts WHERE version = ? AND part = ?`), version, part).Scan(&data); err != nil {
			return s.fail(err)
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return nil
}
