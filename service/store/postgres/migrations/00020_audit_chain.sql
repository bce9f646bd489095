-- The audit trail becomes a hash chain (see sqlstore/audit.go): events numbered 1, 2,
-- 3… without gaps (the store numbers them, no longer an identity), each with its
-- hash; the head row serialises appends across replicas. Migration 00021 (Go,
-- sqlstore/auditbackfill.go) computes the hashes of the events already there. New
-- columns: the client's address, a detail, and the folded key name of the journal's
-- name criterion.

-- +goose Up
ALTER TABLE audit_events ALTER COLUMN id DROP IDENTITY;
ALTER TABLE audit_events
    ADD COLUMN addr TEXT COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN detail TEXT COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN key_name_folded TEXT COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN hash BYTEA;
UPDATE audit_events SET id = -id;
UPDATE audit_events SET id = r.n
    FROM (SELECT id AS old, row_number() OVER (ORDER BY id DESC) AS n FROM audit_events) AS r
    WHERE audit_events.id = r.old;
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash BYTEA NOT NULL
);
INSERT INTO audit_head (id, seq, hash) SELECT 1, count(*), decode(repeat('00', 32), 'hex') FROM audit_events;
-- The journal's pages: newest first by (at, id), one tiers at a time, by criterion;
-- the key name criterion is checked in the index, before any row is read.
DROP INDEX audit_events_by_tiers;
CREATE INDEX audit_events_by_tiers_at ON audit_events (tiers_code, at, id) INCLUDE (key_name_folded);
CREATE INDEX audit_events_by_login ON audit_events (tiers_code, login, at, id);
CREATE INDEX audit_events_by_action ON audit_events (tiers_code, action, at, id);
CREATE INDEX audit_events_by_at ON audit_events (at, id);

-- +goose Down
DROP INDEX audit_events_by_at;
DROP INDEX audit_events_by_action;
DROP INDEX audit_events_by_login;
DROP INDEX audit_events_by_tiers_at;
CREATE INDEX audit_events_by_tiers ON audit_events (tiers_code, id);
DROP TABLE audit_head;
ALTER TABLE audit_events DROP COLUMN hash, DROP COLUMN key_name_folded, DROP COLUMN detail, DROP COLUMN addr;
ALTER TABLE audit_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
