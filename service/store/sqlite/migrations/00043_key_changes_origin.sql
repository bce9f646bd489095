-- +goose Up
-- PostgreSQL's 00043 tags its key change announcements with the replica that made
-- them; a SQLite store announces in memory only: nothing to change, the version is
-- kept in step.
SELECT 1;

-- +goose Down
SELECT 1;
