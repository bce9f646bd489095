-- +goose Up
-- The journal's "Nom de la clé d'API" criterion is a substring search
-- (key_name_folded LIKE '%x%'), which no B-tree serves: a name that few events
-- carry made a page scan the whole journal (a million events: a quarter of a second
-- and more). A trigram index finds those few directly; the planner still walks the
-- ordered indexes of 00020 when a name is common. pg_trgm comes from 00003.
CREATE INDEX audit_events_key_name_trgm ON audit_events USING gin (key_name_folded gin_trgm_ops);

-- +goose Down
DROP INDEX audit_events_key_name_trgm;
