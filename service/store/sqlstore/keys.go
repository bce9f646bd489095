package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sesame/service"
	"sesame/service/store"
)

const keyColumns = `id, tiers_code, service_id, name, secret_digest, secret_hint, created_at, created_by,
	status, revoked_at, revoked_by, last_used_at, expires_at,
	last_used_from, secret_version, renewed_at, old_secret_digest, old_secret_until,
	old_secret_last_used_at, old_secret_last_used_from, suspended_at, suspended_by, suspend_reason,
	kind, partner_name, partner_siret, partner_contact_name, partner_contact_email,
	handover_until, picked_up_at, picked_up_from,
	allowed_addresses, read_only, rate_per_minute, rate_burst, restrictions_version`

type scanner interface{ Scan(dest ...any) error }

func scanKey(row scanner) (store.KeyRecord, error) {
	var k store.KeyRecord
	var created int64
	var revokedAt, lastUsed, expires, renewed, oldUntil, oldUsed, suspendedAt, handoverUntil, pickedUp sql.NullInt64
	var revokedBy, suspendedBy, suspendReason sql.NullString
	var status, oldFrom, kind, pickedUpFrom, addrs string
	var partner service.Partner
	err := row.Scan(&k.ID, &k.Tiers, &k.Service, &k.Name, &k.Digest, &k.SecretHint, &created, &k.CreatedBy,
		&status, &revokedAt, &revokedBy, &lastUsed, &expires,
		&k.LastUsedFrom, &k.Version, &renewed, &k.OldDigest, &oldUntil, &oldUsed, &oldFrom,
		&suspendedAt, &suspendedBy, &suspendReason,
		&kind, &partner.Name, &partner.SIRET, &partner.ContactName, &partner.ContactEmail,
		&handoverUntil, &pickedUp, &pickedUpFrom,
		&addrs, &k.Restrictions.ReadOnly, &k.Restrictions.RatePerMinute, &k.Restrictions.Burst, &k.RestrictionsVersion)
	if err != nil {
		return k, err
	}
	if k.Restrictions.Addresses, err = parseAddresses(addrs); err != nil {
		return k, err
	}
	k.RenewedAt = fromMicros(renewed)
	if k.OldDigest != nil {
		k.OldSecret = &service.OldSecret{Until: fromMicros(oldUntil), LastUsedAt: fromMicros(oldUsed), LastUsedFrom: oldFrom}
	}
	k.CreatedAt = time.UnixMicro(created)
	k.Status = service.KeyStatus(status)
	k.Kind = service.KeyKind(kind)
	if k.Kind == service.KindPartner {
		k.Partner = &partner
	}
	if suspendedAt.Valid {
		// The column status stays 'active' while suspended (see migrations).
		k.Suspension = &service.Suspension{At: time.UnixMicro(suspendedAt.Int64), By: suspendedBy.String, Reason: suspendReason.String}
		if k.Status == service.StatusActive {
			k.Status = service.StatusSuspended
		}
	}
	scanHandover(&k.Key, handoverUntil, pickedUp, pickedUpFrom)
	k.RevokedAt, k.RevokedBy = fromMicros(revokedAt), revokedBy.String
	k.LastUsedAt, k.ExpiresAt = fromMicros(lastUsed), fromMicros(expires)
	return k, nil
}

const insertKeySQL = `INSERT INTO api_keys (` + keyColumns + `, name_folded, name_skeleton, partner_name_folded)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s *Store) insertKey(ctx context.Context, tx *sql.Tx, k store.KeyRecord) error {
	var old service.OldSecret
	if k.OldSecret != nil && k.OldDigest != nil {
		old = *k.OldSecret
	}
	var sus service.Suspension
	if k.Suspension != nil {
		sus = *k.Suspension
	}
	var partner service.Partner
	if k.Partner != nil {
		partner = *k.Partner
	}
	var ho service.Handover
	if k.Handover != nil {
		ho = *k.Handover
	}
	kind := k.Kind
	if kind == "" {
		kind = service.KindFirm
	}
	_, err := tx.ExecContext(ctx, s.q(insertKeySQL),
		k.ID, k.Tiers, k.Service, k.Name, k.Digest, k.SecretHint, k.CreatedAt.UnixMicro(), k.CreatedBy,
		storedStatus(k.Status), micros(k.RevokedAt), sql.NullString{String: k.RevokedBy, Valid: k.RevokedBy != ""},
		micros(k.LastUsedAt), micros(k.ExpiresAt),
		k.LastUsedFrom, max(k.Version, 1), micros(k.RenewedAt), k.OldDigest, micros(old.Until),
		micros(old.LastUsedAt), old.LastUsedFrom,
		micros(sus.At), sql.NullString{String: sus.By, Valid: k.Suspension != nil},
		sql.NullString{String: sus.Reason, Valid: k.Suspension != nil},
		string(kind), partner.Name, partner.SIRET, partner.ContactName, partner.ContactEmail,
		pendingUntil(ho), micros(ho.PickedUpAt), ho.PickedUpFrom,
		formatAddresses(k.Restrictions.Addresses), boolInt(k.Restrictions.ReadOnly), k.Restrictions.RatePerMinute, k.Restrictions.Burst,
		max(k.RestrictionsVersion, 1),
		service.FoldName(k.Name), service.KeyNameSkeleton(k.Name), service.FoldName(partner.Name))
	if err != nil {
		return err
	}
	return s.insertNameWords(ctx, tx, []keyName{{k.ID, k.Tiers, k.Service, service.FoldName(k.Name)}})
}

// storedStatus is the value of the status column for a key's status: a suspended
// key's row stays 'active', its suspended_at set.
func storedStatus(st service.KeyStatus) string {
	if st == service.StatusSuspended {
		return string(service.StatusActive)
	}
	return string(st)
}

// InsertKey stores a key and its audit event together.
func (s *Store) InsertKey(ctx context.Context, k store.KeyRecord, ev service.AuditEvent) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := s.insertKey(ctx, tx, k)
		if err != nil {
			return err
		}
		return s.insertAudit(ctx, tx, ev)
	})
	if isUniqueViolation(err) {
		return service.Errorf(service.ECONFLICT, service.MsgKeyNameTaken, err)
	}
	if err == nil {
		s.announce(k.ID) // a cache that found no such key must look again
	}
	return err
}

// KeyByID returns a key and its digest.
func (s *Store) KeyByID(ctx context.Context, id string) (store.KeyRecord, error) {
	// Prepared once: the server verifies a key with this query on every request.
	stmt, err := s.prepared(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE id = ?`)
	if err != nil {
		return store.KeyRecord{}, s.fail(err)
	}
	k, err := scanKey(stmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
	}
	return k, s.fail(err)
}

// RevokeKey revokes an active key and records the event.
func (s *Store) RevokeKey(ctx context.Context, id, by string, at time.Time, ev service.AuditEvent) (service.Key, error) {
	var out service.Key
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_keys SET status = 'revoked', revoked_at = ?, revoked_by = ?
			WHERE id = ? AND status = 'active'`), at.UnixMicro(), by, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		k, err := scanKey(tx.QueryRowContext(ctx, s.q(`SELECT `+keyColumns+` FROM api_keys WHERE id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return service.Errorf(service.ENOTFOUND, service.MsgKeyNotFound, nil)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return service.Errorf(service.ECONFLICT, service.MsgKeyRevoked, nil)
		}
		if _, err := tx.ExecContext(ctx, s.q(endLinks), id); err != nil { // no secret waits for a revoked key
			return err
		}
		out = k.Key
		return s.insertAudit(ctx, tx, ev)
	})
	if err == nil {
		s.announce(id)
	}
	return out, err
}
