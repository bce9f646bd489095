// Package storebench holds the store's benchmarks, outside the product's packages:
// the keys window's listing (bench/store) and the audit journal (bench/audit), on a
// SQLite file and on PostgreSQL, each seeded here with a deterministic population
// written straight into the tables (storetest.InsertKeys, COPY through pgx).
package storebench
