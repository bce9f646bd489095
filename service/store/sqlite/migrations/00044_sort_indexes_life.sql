-- +goose Up
-- The key-life criteria ("Expirée", "Expire avant le", "Inutilisée depuis") read
-- expires_at, last_used_at and created_at: each sort index now holds them too, so that
-- a listing with a common criterion walks its sort's index alone, testing each key
-- there, instead of reading from the table every key it passes (100,000 keys,
-- "Expirée" newest first: the first third of the keys are too young to have expired).
DROP INDEX api_keys_by_created;
DROP INDEX api_keys_by_name;
DROP INDEX api_keys_by_creator;
DROP INDEX api_keys_by_status;
DROP INDEX api_keys_by_last_use;
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id, name_folded, status, expires_at, last_used_at);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id, status, expires_at, last_used_at, created_at);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id, name_folded, status, expires_at, last_used_at, created_at);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id, name_folded, expires_at, last_used_at, created_at);
CREATE INDEX api_keys_by_last_use ON api_keys (tiers_code, service_id, COALESCE(last_used_at, 0), id, status, expires_at, last_used_at, created_at);
-- The criteria's own indexes hold the other criteria's columns and every sort's, so
-- that ListKeys's probe (lifeprobe.go) reads the matches and their sort values there.
DROP INDEX api_keys_by_seen;
DROP INDEX api_keys_by_expiry;
CREATE INDEX api_keys_by_seen ON api_keys (tiers_code, service_id, COALESCE(last_used_at, created_at), status, expires_at, id, created_at, name_folded, created_by, last_used_at);
CREATE INDEX api_keys_by_expiry ON api_keys (tiers_code, service_id, expires_at, status, id, created_at, name_folded, created_by, last_used_at) WHERE expires_at IS NOT NULL;

-- +goose Down
DROP INDEX api_keys_by_seen;
DROP INDEX api_keys_by_expiry;
CREATE INDEX api_keys_by_seen ON api_keys (tiers_code, service_id, COALESCE(last_used_at, created_at));
CREATE INDEX api_keys_by_expiry ON api_keys (tiers_code, service_id, expires_at) WHERE expires_at IS NOT NULL;
DROP INDEX api_keys_by_created;
DROP INDEX api_keys_by_name;
DROP INDEX api_keys_by_creator;
DROP INDEX api_keys_by_status;
DROP INDEX api_keys_by_last_use;
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id, name_folded, status);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id, status);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id, name_folded, status);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id, name_folded);
CREATE INDEX api_keys_by_last_use ON api_keys (tiers_code, service_id, COALESCE(last_used_at, 0), id);
