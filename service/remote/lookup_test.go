package remote_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/scan"
)

// A scan in server mode, end to end: the secrets a folder exposes are found, their
// digests (never the secrets) are posted to the server, which names the key each one
// opens; the requests the server received, its log and the journal hold no secret.
func TestScanMatchedThroughServerSendsOnlyDigests(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, nil)
	p := signedIn(t, env, realKeychain(t)).Portal()
	active, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Intégration paie"})
	if err != nil {
		t.Fatal(err)
	}
	revoked, err := p.Generate(ctx, service.GenerateRequest{Tiers: servertest.Tiers, Service: "loop-apikey", Name: "Ancienne"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Revoke(ctx, revoked.Key.ID); err != nil {
		t.Fatal(err)
	}
	stranger, _ := service.NewCredentials()
	secrets := []string{active.Credentials.Secret, revoked.Credentials.Secret, stranger.Secret}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("clé : "+active.Credentials.Secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("vieux/.env")
	_, _ = w.Write([]byte("A=" + revoked.Credentials.Secret + "\nB=" + stranger.Secret + "\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "archive.zip"), zb.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	bodies := env.RecordBodies()
	var found []scan.Finding
	if _, err := scan.Run(ctx, []string{dir}, scan.Options{}, scan.Handler{Found: func(f scan.Finding) { found = append(found, f) }}); err != nil {
		t.Fatal(err)
	}
	digests := make([][]byte, len(found))
	for i, f := range found {
		digests[i] = f.Digest[:]
	}
	ms, err := p.LookupDigests(ctx, digests)
	if err != nil || len(ms) != 3 {
		t.Fatalf("LookupDigests = %d matches, %v", len(ms), err)
	}
	byName := map[string]service.SecretMatch{}
	unknown := 0
	for _, m := range ms {
		if m.Key == nil {
			unknown++
			continue
		}
		byName[m.Key.Name] = m
	}
	if unknown != 1 || !byName["Intégration paie"].Opens() || byName["Ancienne"].Key.Status != service.StatusRevoked || byName["Ancienne"].Opens() {
		t.Fatalf("matches: %d unknown, %+v", unknown, byName)
	}

	if b := bodies.String(); strings.Contains(b, service.SecretPrefix) || !strings.Contains(b, "/v1/keys/lookup-digests") {
		t.Fatalf("the requests the server received hold %q, or no look-up:\n%s", service.SecretPrefix, b)
	}
	var journal bytes.Buffer
	if err := p.ExportAudit(ctx, service.AuditFilter{}, &journal, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(env.Logs.String(), s) || strings.Contains(journal.String(), s) {
			t.Fatal("a secret found by the scan is in the server's log or the journal")
		}
	}
}
