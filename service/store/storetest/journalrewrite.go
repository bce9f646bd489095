package storetest

import (
	"database/sql"
	"encoding/hex"
	"testing"

	"sesame/service"
)

// RenameInJournal rewrites the journal as someone with write access to the database
// would: event id gets the key name name, and every hash from it to the head is
// computed again, so that the chain alone still verifies and only a seal can tell.
// evs is the whole journal, oldest first; db is the store's own connection.
func RenameInJournal(t testing.TB, db *sql.DB, evs []service.AuditEvent, id int64, name string) {
	t.Helper()
	prev := service.GenesisHash
	for _, ev := range evs {
		if ev.ID == id {
			ev.KeyName = name
		}
		prev = service.ChainHash(prev, ev)
		if ev.ID < id {
			continue // unchanged
		}
		sum, _ := hex.DecodeString(prev)
		if _, err := db.Exec(`UPDATE audit_events SET key_name = $1, hash = $2 WHERE id = $3`, ev.KeyName, sum, ev.ID); err != nil {
			t.Fatal(err)
		}
	}
	sum, _ := hex.DecodeString(prev)
	if _, err := db.Exec(`UPDATE audit_head SET hash = $1 WHERE id = 1`, sum); err != nil {
		t.Fatal(err)
	}
}
