-- +goose Up
-- PostgreSQL's 00040 announces key changes to the replicas sharing the database. A
-- SQLite file is opened by one process, whose store announces its own changes in
-- memory: nothing to add here, the version is kept in step with PostgreSQL's.
SELECT 1;

-- +goose Down
SELECT 1;
