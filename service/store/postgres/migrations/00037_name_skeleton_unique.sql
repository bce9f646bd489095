-- +goose Up
-- One active key per look of a name, tiers and service (it replaces the rule on the
-- exact name, which it implies); revoked ones may share it. Every insert now names
-- the skeleton: no default.
CREATE UNIQUE INDEX api_keys_active_skeleton ON api_keys (tiers_code, service_id, name_skeleton) WHERE status = 'active';
DROP INDEX api_keys_active_name;
ALTER TABLE api_keys ALTER COLUMN name_skeleton DROP DEFAULT;

-- +goose Down
ALTER TABLE api_keys ALTER COLUMN name_skeleton SET DEFAULT '';
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (tiers_code, service_id, name) WHERE status = 'active';
DROP INDEX api_keys_active_skeleton;
