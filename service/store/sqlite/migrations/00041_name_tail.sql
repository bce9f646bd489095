-- +goose Up
-- PostgreSQL's 00041 indexes names less their first character for the name sort; the
-- SQLite store finds names through its trigram table (00003) instead. Nothing to add:
-- the version is kept in step with PostgreSQL's.
SELECT 1;

-- +goose Down
SELECT 1;
