//go:build ignore

// Vérifier une clé d'API avec le paquet verify — verify an API key with the verify
// package, as a firm's Go service does (its Middleware does the same per request).
//
//	SESAME_URL=… SESAME_SERVICE=… SESAME_KEY=IDENTIFIANT:secret go run docs/api/go/verify_key.go
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"sesame/verify"
)

func main() {
	v, err := verify.New(verify.Config{Server: os.Getenv("SESAME_URL"), Service: os.Getenv("SESAME_SERVICE")})
	if err != nil {
		log.Fatal(err)
	}
	id, err := v.Check(context.Background(), os.Getenv("SESAME_KEY"))
	if err != nil {
		log.Fatalf("clé refusée : %v", err) // verify.ErrUnauthorized, ErrForbidden, ErrUnavailable, or ErrRestricted for a key with restrictions (CheckRequest applies them to a request)
	}
	fmt.Printf("clé acceptée : tiers %s, service %s, nom %s\n", id.Tiers, id.Service, id.Name)
}
