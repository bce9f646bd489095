package main_test

import (
	"strings"
	"testing"

	"sesame/service/store/postgres/pgtest"
	"sesame/service/store/sqlstore"
)

// serve on a PostgreSQL database whose role could not create pg_trgm starts, and
// warns once, in French, with the statements a database administrator can run; on a
// database that has the index, it does not.
func TestServeWarnsWithoutNameIndex(t *testing.T) {
	limited, _ := pgtest.LimitedDatabase(t)
	for _, tc := range []struct {
		db    string
		warns int
	}{{limited, 1}, {pgtest.FreshDatabase(t), 0}} {
		cmd, _, rest := startServeLine(t, "serve", "--db", initDB(t, tc.db), "--listen", "127.0.0.1:0", "--drain-delay", "0s")
		log := stopServe(t, cmd, rest)
		warns := 0
		for _, l := range strings.Split(log, "\n") {
			if strings.Contains(l, "level=WARN") && strings.Contains(l, "La recherche par nom de clé reste possible") {
				warns++
				if !strings.Contains(l, sqlstore.NameIndexSQL) || !strings.Contains(l, "Puis redémarrez Sésame.") {
					t.Errorf("the warning does not say what to run: %s", l)
				}
			}
		}
		if warns != tc.warns {
			t.Fatalf("%d warnings about the name index, want %d; log:\n%s", warns, tc.warns, log)
		}
	}
}
