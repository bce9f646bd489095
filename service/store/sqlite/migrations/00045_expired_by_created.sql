-- +goose Up
-- "Expirée" sorted by creation (keylist_expired.go): the active keys that have an
-- expiry, in creation order, with their expiry and last use (the other criteria).
CREATE INDEX api_keys_expired_by_created ON api_keys (tiers_code, service_id, created_at, id, expires_at, last_used_at)
    WHERE status = 'active' AND expires_at IS NOT NULL;

-- +goose Down
DROP INDEX api_keys_expired_by_created;
