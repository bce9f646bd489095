-- +goose Up
-- The skeleton of each key's name (service.KeyNameSkeleton): names that look the same
-- share it. Migration 00036 (Go, in sqlstore) computes it for the keys already stored;
-- 00037 makes it unique among active keys.
ALTER TABLE api_keys ADD COLUMN name_skeleton TEXT COLLATE "C" NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE api_keys DROP COLUMN name_skeleton;
