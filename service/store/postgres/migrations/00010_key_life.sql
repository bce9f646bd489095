-- +goose Up
-- A key's life: where it was last used from, renewals (the secret's version and, during
-- a grace period, the old secret's digest), uses per day, and the firm's maximum key
-- lifetime. Times are Unix microseconds, as in 00001.
ALTER TABLE api_keys ADD COLUMN last_used_from TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN secret_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE api_keys ADD COLUMN renewed_at BIGINT;
-- While old_secret_digest is set, the old secret works until old_secret_until, or,
-- when that is NULL, until the new secret's first use plus 24 h.
ALTER TABLE api_keys ADD COLUMN old_secret_digest BYTEA;
ALTER TABLE api_keys ADD COLUMN old_secret_until BIGINT;
ALTER TABLE api_keys ADD COLUMN old_secret_last_used_at BIGINT;
ALTER TABLE api_keys ADD COLUMN old_secret_last_used_from TEXT COLLATE "C" NOT NULL DEFAULT '';

-- "Dernière utilisation" sorts (never used first), "Inutilisée depuis" and "Expire avant"
-- filter: each has its index, the key list's other indexes do not hold these columns.
CREATE INDEX api_keys_by_last_use ON api_keys (tiers_code, service_id, (COALESCE(last_used_at, 0)), id);
CREATE INDEX api_keys_by_seen ON api_keys (tiers_code, service_id, (COALESCE(last_used_at, created_at)));
CREATE INDEX api_keys_by_expiry ON api_keys (tiers_code, service_id, expires_at) WHERE expires_at IS NOT NULL;
-- The keys expiring soon across tiers (the warning banner), and the graces to end.
CREATE INDEX api_keys_expiring ON api_keys (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL;
CREATE INDEX api_keys_grace_end ON api_keys (old_secret_until) WHERE old_secret_digest IS NOT NULL;

CREATE TABLE key_daily_uses (
    key_id TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id),
    day    BIGINT NOT NULL, -- days since 1970-01-01 (UTC)
    uses   BIGINT NOT NULL,
    PRIMARY KEY (key_id, day)
);

CREATE TABLE key_policies (
    firm_code         TEXT COLLATE "C" PRIMARY KEY REFERENCES tiers (code),
    max_lifetime_days INTEGER NOT NULL
);

-- +goose Down
DROP TABLE key_policies;
DROP TABLE key_daily_uses;
DROP INDEX api_keys_grace_end;
DROP INDEX api_keys_expiring;
DROP INDEX api_keys_by_expiry;
DROP INDEX api_keys_by_seen;
DROP INDEX api_keys_by_last_use;
ALTER TABLE api_keys DROP COLUMN old_secret_last_used_from;
ALTER TABLE api_keys DROP COLUMN old_secret_last_used_at;
ALTER TABLE api_keys DROP COLUMN old_secret_until;
ALTER TABLE api_keys DROP COLUMN old_secret_digest;
ALTER TABLE api_keys DROP COLUMN renewed_at;
ALTER TABLE api_keys DROP COLUMN secret_version;
ALTER TABLE api_keys DROP COLUMN last_used_from;
