-- +goose Up
-- The SQLite schema, column for column: times are Unix microseconds (UTC) in BIGINT
-- columns, NULL when absent. Every text column is COLLATE "C" so that comparisons and
-- ORDER BY are byte-wise whatever the database's default collation (SQLite's BINARY),
-- and so that the indexes below serve the queries' ORDER BY ... COLLATE "C".
CREATE TABLE tiers (
    code        TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL,
    attached_to TEXT COLLATE "C" REFERENCES tiers (code)
);

CREATE TABLE admins (
    login         TEXT COLLATE "C" PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL,
    sic_code      TEXT COLLATE "C" NOT NULL,
    password_hash TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE admin_tiers (
    login      TEXT COLLATE "C" NOT NULL REFERENCES admins (login) ON DELETE CASCADE,
    tiers_code TEXT COLLATE "C" NOT NULL REFERENCES tiers (code),
    PRIMARY KEY (login, tiers_code)
);

CREATE TABLE categories (
    position INTEGER NOT NULL,
    name     TEXT COLLATE "C" PRIMARY KEY
);

CREATE TABLE services (
    id           TEXT COLLATE "C" PRIMARY KEY,
    position     INTEGER NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    category     TEXT COLLATE "C" NOT NULL,
    description  TEXT COLLATE "C" NOT NULL,
    accepts_keys INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id            TEXT COLLATE "C" PRIMARY KEY,
    tiers_code    TEXT COLLATE "C" NOT NULL REFERENCES tiers (code),
    service_id    TEXT COLLATE "C" NOT NULL REFERENCES services (id),
    name          TEXT COLLATE "C" NOT NULL,
    name_folded   TEXT COLLATE "C" NOT NULL,
    secret_digest BYTEA NOT NULL,
    secret_hint   TEXT COLLATE "C" NOT NULL,
    created_at    BIGINT NOT NULL,
    created_by    TEXT COLLATE "C" NOT NULL,
    status        TEXT COLLATE "C" NOT NULL CHECK (status IN ('active', 'revoked')),
    revoked_at    BIGINT,
    revoked_by    TEXT COLLATE "C",
    last_used_at  BIGINT,
    expires_at    BIGINT
);

-- One active key per name, tiers and service; revoked ones may share it.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (tiers_code, service_id, name) WHERE status = 'active';
-- One index per sortable column of the key table, for keyset paging. Each also holds
-- the filtered columns, so that a "name contains" search walks the index alone
-- (an index-only scan) to find the IDs of a page.
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id) INCLUDE (name_folded, status);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id) INCLUDE (status);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id) INCLUDE (name_folded, status);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id) INCLUDE (name_folded);

CREATE TABLE audit_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor      TEXT COLLATE "C" NOT NULL,
    login      TEXT COLLATE "C" NOT NULL,
    action     TEXT COLLATE "C" NOT NULL,
    key_id     TEXT COLLATE "C" NOT NULL,
    key_name   TEXT COLLATE "C" NOT NULL,
    tiers_code TEXT COLLATE "C" NOT NULL,
    service_id TEXT COLLATE "C" NOT NULL
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
