-- +goose Up
-- The status criterion "Active" now also means "not expired" (expires_at, 00010): the
-- sort indexes of 00001 hold it too, so that a name search still walks an index alone
-- (an index-only scan) instead of reading every key it passes from the table.
DROP INDEX api_keys_by_created;
DROP INDEX api_keys_by_name;
DROP INDEX api_keys_by_creator;
DROP INDEX api_keys_by_status;
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id) INCLUDE (name_folded, status, expires_at);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id) INCLUDE (status, expires_at);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id) INCLUDE (name_folded, status, expires_at);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id) INCLUDE (name_folded, expires_at);

-- +goose Down
DROP INDEX api_keys_by_created;
DROP INDEX api_keys_by_name;
DROP INDEX api_keys_by_creator;
DROP INDEX api_keys_by_status;
CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id) INCLUDE (name_folded, status);
CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id) INCLUDE (status);
CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id) INCLUDE (name_folded, status);
CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id) INCLUDE (name_folded);
