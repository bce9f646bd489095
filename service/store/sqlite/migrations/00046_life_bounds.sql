-- +goose Up
-- The shortest lifetime of a tiers and service's active keys that have an expiry,
-- read at once (keylist_expired.go); and the keys last used before their creation (a
-- clock behind: empty while clocks agree), with the columns the criteria test
-- (keylist_unused.go).
CREATE INDEX api_keys_lifetime ON api_keys (tiers_code, service_id, (expires_at - created_at))
    WHERE status = 'active' AND expires_at IS NOT NULL;
CREATE INDEX api_keys_used_before_creation ON api_keys (tiers_code, service_id, created_at, id, status, expires_at, last_used_at)
    WHERE last_used_at < created_at;

-- +goose Down
DROP INDEX api_keys_used_before_creation;
DROP INDEX api_keys_lifetime;
