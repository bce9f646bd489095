-- +goose Up
-- Sorted by name, keys whose name contains a common word that starts many names
-- ("paie …") are found as a range of api_keys_by_name, and those where the word comes
-- later through this trigram index over the name less its first character: few, in
-- the common case, fetched by ID and merged (sqlstore's keylist_prefix.go).
CREATE INDEX api_keys_name_tail_trgm ON api_keys USING gin ((substr(name_folded, 2)) gin_trgm_ops);

-- +goose Down
DROP INDEX api_keys_name_tail_trgm;
