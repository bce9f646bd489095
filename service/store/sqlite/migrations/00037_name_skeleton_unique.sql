-- +goose Up
-- One active key per look of a name, tiers and service (it replaces the rule on the
-- exact name, which it implies); revoked ones may share it.
CREATE UNIQUE INDEX api_keys_active_skeleton ON api_keys (tiers_code, service_id, name_skeleton) WHERE status = 'active';
DROP INDEX api_keys_active_name;

-- +goose Down
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (tiers_code, service_id, name) WHERE status = 'active';
DROP INDEX api_keys_active_skeleton;
