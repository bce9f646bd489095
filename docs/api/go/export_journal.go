//go:build ignore

// Exporter le journal d'audit en CSV — export the audit journal as CSV.
//
//	SESAME_URL=… SESAME_TOKEN=… SESAME_OUT=journal.csv go run docs/api/go/export_journal.go
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"time"
)

func main() {
	out := os.Getenv("SESAME_OUT")
	if out == "" {
		out = "journal-sesame.csv"
	}
	q := url.Values{"format": {"csv"}, "from": {"2026-01-01"}}
	req, err := http.NewRequest("GET", os.Getenv("SESAME_URL")+"/v1/audit?"+q.Encode(), nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("SESAME_TOKEN"))
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("export refusé : %d", resp.StatusCode)
	}
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	// A transfer cut short by the server is an error here, never a file that looks whole.
	if _, err := io.Copy(f, resp.Body); err != nil {
		log.Fatalf("export interrompu : %v", err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("journal exporté dans %s (%s événements)\n", out, resp.Header.Get("X-Sesame-Audit-Total"))
}
