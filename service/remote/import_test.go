package remote_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sesame/service"
	"sesame/service/httpserver"
	"sesame/service/httpserver/servertest"
	"sesame/service/msg"
)

// A file over the server's cap for imports is refused with the server's sentence
// naming the cap, not as a lost connection, however early the server answers; a file
// that is not Sésame's gets its own sentence.
func TestImportFileRefusalsReachTheUser(t *testing.T) {
	ctx := context.Background()
	env := servertest.Start(t, func(c *httpserver.Config) { c.MaxImportBytes = 1 << 20 })
	sess := signedIn(t, env, realKeychain(t))
	fi, ok := sess.Portal().(service.FileImporter)
	if !ok {
		t.Fatal("the server's Portal cannot import a file")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "gros.db")
	if err := os.WriteFile(big, bytes.Repeat([]byte{0}, 8<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	var sent int64
	_, err := fi.ImportFile(ctx, big, true, func(n, _ int64) { sent = n })
	if service.ErrorCode(err) != service.EINVALID || !strings.Contains(service.ErrorText(err, msg.French), "1 Mio") {
		t.Fatalf("a file over the cap: %v (sent %d bytes)", err, sent)
	}
	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("pas une base de données\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = fi.ImportFile(ctx, text, true, nil)
	if service.ErrorCode(err) != service.EINVALID || !strings.Contains(service.ErrorText(err, msg.French), "n'est pas un fichier de données de Sésame") {
		t.Fatalf("a file that is not Sésame's: %v", err)
	}
}
