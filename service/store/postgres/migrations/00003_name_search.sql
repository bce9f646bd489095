-- +goose Up
-- The "Nom de la clé d'API" criterion is a substring search (name_folded LIKE '%x%'),
-- which no B-tree serves: on 1,000,000 keys a rare or absent name scanned the whole
-- table (1.5 to 2 s a page). A trigram index finds the few matching rows directly
-- (under 1 ms); frequent names still use the per-sort indexes of 00001, which the
-- planner prefers when matches are many. pg_trgm ships with PostgreSQL (contrib) and
-- is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX api_keys_name_trgm ON api_keys USING gin (name_folded gin_trgm_ops);

-- +goose Down
DROP INDEX api_keys_name_trgm;
