package main_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service/store/postgres"
	"sesame/service/store/postgres/pgtest"
)

// A --db that names nothing yet (a typo) is refused by every command but init, which
// alone creates a database; nothing is written by the refusal.
func TestOnlyInitCreatesADatabase(t *testing.T) {
	dir := t.TempDir()
	mk := filepath.Join(dir, "master.key")
	sesame(t, "", "master-key", "init", "--file", mk)
	typo := filepath.Join(dir, "sesme", "sesame.db") // the folder does not exist either
	for _, args := range [][]string{
		{"tiers", "add", "--db", typo, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"},
		{"audit", "verify", "--db", typo},
		{"serve", "--db", typo, "--listen", "127.0.0.1:0", "--master-key-file", mk},
	} {
		oneLineError(t, sesame(t, "", args...), 1, "la base "+typo+" n'existe pas : vérifiez le chemin ou l'adresse, ou créez-la avec sesame-server init --db "+typo)
		if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
			t.Fatalf("%v created %s", args, filepath.Dir(typo))
		}
	}
	// serve without a master key refuses before it creates or opens anything.
	oneLineError(t, sesame(t, "", "serve", "--db", typo, "--listen", "127.0.0.1:0"), 1, "aucune clé maîtresse")
	if _, err := os.Stat(filepath.Dir(typo)); !os.IsNotExist(err) {
		t.Fatal("serve without a master key created the database's folder")
	}
	// A folder is named as a folder, not as a read-only file.
	oneLineError(t, sesame(t, "", "tiers", "add", "--db", dir, "--code", "95963", "--name", "X"), 1, dir+" est un dossier, pas un fichier de base")
	// An empty file (touch) is not a database yet.
	empty := filepath.Join(dir, "vide.db")
	os.WriteFile(empty, nil, 0o600)
	oneLineError(t, sesame(t, "", "tiers", "add", "--db", empty, "--code", "95963", "--name", "X"), 1, "n'est pas encore une base Sésame : créez ses tables avec sesame-server init --db "+empty)
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatal("the refusal wrote to the empty file")
	}

	db := filepath.Join(dir, "data", "sesame.db")
	if r := sesame(t, "", "init", "--db", db); r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Base prête : "+db) {
		t.Fatalf("init: %+v", r)
	}
	if r := sesame(t, "", "tiers", "add", "--db", db, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
		t.Fatalf("tiers add after init: %+v", r)
	}
	before, _ := os.ReadFile(db)
	if r := sesame(t, "", "init", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "déjà une base Sésame : rien n'a été changé") {
		t.Fatalf("init again: %+v", r)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Fatal("init on a Sésame database changed it")
	}
}

// On PostgreSQL, an empty database is refused by every command but init, which
// creates its tables; the refusal creates none.
func TestInitOnAnEmptyPostgres(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	oneLineError(t, sesame(t, "", "tiers", "add", "--db", dsn, "--code", "95963", "--name", "X"), 1, "n'est pas encore une base Sésame : créez ses tables avec sesame-server init --db ")
	if c, err := postgres.Probe(context.Background(), dsn); c != (postgres.Contents{}) || err != nil {
		t.Fatalf("after the refusal: %+v, %v; want an empty database still", c, err)
	}
	if r := sesame(t, "", "init", "--db", dsn); r.code != 0 || !strings.Contains(r.stdout, "Base prête") {
		t.Fatalf("init: %+v", r)
	}
	if r := sesame(t, "", "tiers", "add", "--db", dsn, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"); r.code != 0 {
		t.Fatalf("tiers add after init: %+v", r)
	}
}

// init refuses a PostgreSQL database that holds another application's tables.
func TestInitRefusesAPostgresDatabaseInUse(t *testing.T) {
	dsn := pgtest.FreshDatabase(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE factures (numero INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	oneLineError(t, sesame(t, "", "init", "--db", dsn), 1, "contient déjà d'autres tables que celles de Sésame (1) : donnez à init une base vide (createdb)")
	if c, err := postgres.Probe(context.Background(), dsn); c.Sesame || c.Tables != 1 || err != nil {
		t.Fatalf("after the refusal: %+v, %v; want the one table only", c, err)
	}
}

// A SQLite file of another application (an accounting tool's, given to --db by
// mistake) is refused by init, serve and every other command, and left byte for byte
// as it was: none adds Sésame's tables to it.
func TestSQLiteFileOfAnotherApplicationIsRefused(t *testing.T) {
	dir := t.TempDir()
	mk := filepath.Join(dir, "master.key")
	sesame(t, "", "master-key", "init", "--file", mk)
	path := filepath.Join(dir, "compta.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE ecritures (id INTEGER PRIMARY KEY, libelle TEXT); CREATE TABLE comptes (numero TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	refusal := "le fichier " + path + " est une base SQLite d'une autre application (2 tables) : rien n'y a été écrit"
	for _, args := range [][]string{
		{"init", "--db", path},
		{"serve", "--db", path, "--listen", "127.0.0.1:0", "--master-key-file", mk},
		{"tiers", "add", "--db", path, "--code", "95963", "--name", "FUTUROSCOPE CEDEX"},
	} {
		oneLineError(t, sesame(t, "", args...), 1, refusal)
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatalf("%v changed the other application's file", args)
		}
	}
}
