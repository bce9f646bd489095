//go:build ignore

// Obtenir un jeton client_credentials avec un client HTTP simple — get a
// client_credentials token with a plain HTTP client (RFC 6749 §4.4).
//
//	SESAME_URL=… SESAME_KEY_ID=… SESAME_KEY_SECRET=… go run docs/api/go/client_token.go
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequest("POST", os.Getenv("SESAME_URL")+"/oauth2/token", strings.NewReader(form.Encode()))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(os.Getenv("SESAME_KEY_ID")), url.QueryEscape(os.Getenv("SESAME_KEY_SECRET")))
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != http.StatusOK {
		log.Fatalf("jeton refusé : %d %s %v", resp.StatusCode, tok.Error, err)
	}
	// The token is a secret: send it as "Authorization: Bearer …", never print it.
	fmt.Printf("jeton %s valable %d s\n", tok.TokenType, tok.ExpiresIn)
}
