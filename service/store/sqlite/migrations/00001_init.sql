-- +goose Up
-- Times are Unix microseconds (UTC) in INTEGER columns, NULL when absent: the same SQL
-- and the same ordering on SQLite and PostgreSQL.
CREATE TABLE tiers (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    attached_to TEXT REFERENCES tiers (code)
);

CREATE TABLE admins (
    login         TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    sic_code      TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT ''
);

CREATE TABLE admin_tiers (
    login      TEXT NOT NULL REFERENCES admins (login) ON DELETE CASCADE,
    tiers_code TEXT NOT NULL REFERENCES tiers (code),
    PRIMARY KEY (login, tiers_code)
);

CREATE TABLE categories (
    position INTEGER NOT NULL,
    name     TEXT PRIMARY KEY
);

CREATE TABLE services (
    id           TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    category     TEXT NOT NULL,
    description  TEXT NOT NULL,
    accepts_keys INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    tiers_code    TEXT NOT NULL REFERENCES tiers (code),
    service_id    TEXT NOT NULL REFERENCES services (id),
    name          TEXT NOT NULL,
    name_folded   TEXT NOT NULL,
    secret_digest BLOB NOT NULL,
    secret_hint   TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    created_by    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    revoked_at    INTEGER,
    revoked_by    TEXT,
    last_used_at  INTEGER,
    expires_at    INTEGER
);

-- One active key per name, tiers and service; revoked ones may share it.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (tiers_code, service_id, name) WHERE status = 'active';
-- One index per sortable column of the key table, for keyset paging. Each also holds
-- the filtered columns, so that a "name contains" matching nothing scans the index
-- alone, not the table (100,000 keys: ~13 ms instead of ~160 ms).
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id, name_folded, status);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id, status);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id, name_folded, status);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id, name_folded);

CREATE TABLE audit_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    login      TEXT NOT NULL,
    action     TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    key_name   TEXT NOT NULL,
    tiers_code TEXT NOT NULL,
    service_id TEXT NOT NULL
);
CREATE INDEX audit_events_by_tiers ON audit_events (tiers_code, id);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE api_keys;
DROP TABLE services;
DROP TABLE categories;
DROP TABLE admin_tiers;
DROP TABLE admins;
DROP TABLE tiers;
