package httpserver_test

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"strings"
	"testing"

	"sesame/service"
)

// A firm's administrator uploads a desktop file changed by hand: rows that point at
// another firm's tiers or keys, a journal event of another firm, a column whose name
// is SQL, or a service this server lacks. Each is refused with a sentence, and nothing
// lands on the server: no key in firm B, no event in its journal. Another upload while
// an import runs is told to wait.
func TestImportRefusesACraftedFile(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	bearerA := e.adminToken()
	_, tokB := e.signIn(loginB, e.passwordB)
	crafts := []struct {
		name, sql, want string
		status          int
	}{
		{"a key moved to firm B's tiers", `UPDATE api_keys SET tiers_code = '` + tiersB + `'`, "qu'il ne contient pas", http.StatusUnprocessableEntity},
		{"a tiers attached to firm B", `INSERT INTO tiers (code, name, attached_to) VALUES ('77777', 'INTRUS', '` + tiersB + `')`, "77777 → " + tiersB, http.StatusUnprocessableEntity},
		{"an event of firm B", `UPDATE audit_events SET tiers_code = '` + tiersB + `'`, "qu'il ne contient pas", http.StatusUnprocessableEntity},
		{"uses of a key of firm B", `INSERT INTO key_daily_uses (key_id, day, uses) VALUES ('ssk_autrecabinet', 20000, 1)`, "qu'il ne contient pas", http.StatusUnprocessableEntity},
		{"a column named with SQL", `ALTER TABLE key_daily_uses ADD COLUMN "uses) SELECT 1, 2, 3 --" TEXT`, "n'est pas un fichier de données de Sésame", http.StatusUnprocessableEntity},
		{"a service this server lacks", `INSERT INTO services (id, position, name, category, description, accepts_keys) SELECT 'service-inconnu', 99, 'Inconnu', category, '', 1 FROM services LIMIT 1;
			UPDATE api_keys SET service_id = 'service-inconnu'`, "service-inconnu", http.StatusUnprocessableEntity},
	}
	for _, c := range crafts {
		t.Run(c.name, func(t *testing.T) {
			file, creds := desktopFileOf(t, tiersA)
			db, err := sql.Open("sqlite", "file:"+file+"?_pragma=foreign_keys(0)")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, c.sql); err != nil {
				t.Fatalf("crafting: %v", err)
			}
			db.Close()
			body, _ := os.ReadFile(file)
			for _, dry := range []bool{true, false} {
				status, h, answer := e.upload(bearerA, body, dry)
				if p := refused(t, c.name, status, h, answer, c.status, ""); !strings.Contains(p.Detail, c.want) {
					t.Fatalf("%s (dry %v): %q, want %q", c.name, dry, p.Detail, c.want)
				}
			}
			for _, cr := range creds {
				if _, err := e.st.KeyByID(ctx, cr.Identifier); service.ErrorCode(err) != service.ENOTFOUND {
					t.Fatalf("%s: key %s went in: %v", c.name, cr.Identifier, err)
				}
			}
			status, _, answer := e.do("GET", "/v1/audit", tokB.AccessToken, nil)
			if status != http.StatusOK || strings.Contains(string(answer), "Banque") {
				t.Fatalf("%s: firm B's journal shows the file's events: %d %s", c.name, status, answer)
			}
		})
	}

	file, _ := desktopFileOf(t, tiersA)
	body, _ := os.ReadFile(file)
	release := e.srv.HoldImport()
	status, h, answer := e.upload(bearerA, body, true)
	if p := refused(t, "an import already running", status, h, answer, http.StatusConflict, ""); !strings.Contains(p.Detail, "Un autre import est en cours") ||
		h.Get("Retry-After") == "" {
		t.Fatalf("an import already running: %q, Retry-After %q", p.Detail, h.Get("Retry-After"))
	}
	release()
	if status, _, answer = e.upload(bearerA, body, true); status != http.StatusOK {
		t.Fatalf("once the other import ended: %d %s", status, answer)
	}
}
