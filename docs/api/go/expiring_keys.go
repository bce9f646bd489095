//go:build ignore

// Les clés qui expirent dans les 30 jours — keys expiring within 30 days.
//
//	SESAME_URL=… SESAME_TOKEN=… go run docs/api/go/expiring_keys.go
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	req, err := http.NewRequest("GET", os.Getenv("SESAME_URL")+"/v1/keys/expiring", nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("SESAME_TOKEN"))
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var problem struct{ Code, Detail string } // RFC 9457
		_ = json.NewDecoder(resp.Body).Decode(&problem)
		log.Fatalf("%d %s : %s", resp.StatusCode, problem.Code, problem.Detail)
	}
	var list struct {
		Keys []struct {
			ID        string    `json:"id"`
			Name      string    `json:"name"`
			ExpiresAt time.Time `json:"expiresAt"`
		} `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		log.Fatal(err)
	}
	for _, k := range list.Keys {
		fmt.Printf("%s  %s  %s\n", k.ID, k.ExpiresAt.Format(time.RFC3339), k.Name)
	}
}
