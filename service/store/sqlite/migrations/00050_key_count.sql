-- +goose Up
-- The keys page counts the keys matching its criteria (up to 10,001 of them: "50 sur
-- plus de 10 000"). The sort indexes hold the name and status but not the expiry or the
-- last use, so counting "Active" keys (active and not expired) read each key it passed
-- from the table: 100,000 keys, a common word, 44 ms. This index holds every column the
-- criteria test, so that the count walks it alone (keycount.go).
CREATE INDEX api_keys_counted ON api_keys (tiers_code, service_id, status, expires_at, name_folded, COALESCE(last_used_at, created_at));

-- +goose Down
DROP INDEX api_keys_counted;
