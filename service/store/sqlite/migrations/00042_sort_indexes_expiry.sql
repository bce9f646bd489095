-- +goose Up
-- PostgreSQL's 00042 adds expires_at to its sort indexes' INCLUDE columns, which SQLite
-- indexes do not have: nothing to change here, the version is kept in step.
SELECT 1;

-- +goose Down
SELECT 1;
