// Command sesame-fill fills a Sésame SQLite store with many keys, for the benchmarks
// and budget checks: it sets up the firm profile if the store has none, then inserts
// keys with varied names, creators, dates and statuses in bulk. Their secrets are
// drawn and dropped: only digests are stored, as for real keys.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/store"
	"sesame/service/store/storetest"
)

func main() {
	db := flag.String("db", "", "path of the SQLite file to fill (created if missing)")
	n := flag.Int("keys", 100_000, "how many keys to add")
	tiers := flag.String("tiers", "95963", "tiers code of the keys (the firm, created if missing)")
	svc := flag.String("service", "loop-apikey", "catalogue ID of the keys' service")
	flag.Parse()
	if *db == "" || *n < 0 {
		fmt.Fprintln(os.Stderr, "usage: sesame-fill --db FILE [--keys N] [--tiers CODE] [--service ID]")
		os.Exit(2)
	}
	start := time.Now()
	if err := fill(context.Background(), *db, *n, *tiers, *svc); err != nil {
		fmt.Fprintln(os.Stderr, "sesame-fill:", err)
		os.Exit(1)
	}
	fmt.Printf("%d keys added to %s in %v\n", *n, *db, time.Since(start).Round(time.Millisecond))
}

// rawDB is what the SQL stores offer beyond store.Store: their database, which this
// tool writes the keys into directly (storetest.InsertKeys).
type rawDB interface{ DB() *sql.DB }

func fill(ctx context.Context, path string, n int, tiers, svc string) error {
	p, err := local.Open(ctx, path)
	if err != nil {
		return err
	}
	defer p.Close()
	if _, err := p.Profile(ctx); service.ErrorCode(err) == service.ENOPROFILE {
		setup := service.FirmSetup{SICCode: tiers, FirmName: "FUTUROSCOPE CEDEX", AdminName: "Delhumeau Vincent"}
		if _, err := p.SetUpFirm(ctx, setup); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	r, ok := p.Store().(rawDB)
	if !ok {
		return fmt.Errorf("this store does not expose its database")
	}
	const batch = 5000
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 42))
	for done := 0; done < n; done += batch {
		keys := make([]store.KeyRecord, 0, min(batch, n-done))
		for i := done; i < n && i < done+batch; i++ {
			k, err := randomKey(rng, i, tiers, svc)
			if err != nil {
				return err
			}
			keys = append(keys, k)
		}
		if err := storetest.InsertKeys(ctx, r.DB(), keys); err != nil {
			return err
		}
	}
	return nil
}

var (
	words    = []string{"Paie", "Compta", "Banque", "Export", "Import", "Synchro", "Portail", "Élève", "Facturation", "Relances", "Sauvegarde", "Test", "Prod", "Recette", "Mobile", "Web"}
	creators = []string{"Delhumeau Vincent", "Martin Sophie", "Bernard Luc", "Petit Émilie", "Durand Hugo"}
)

func randomKey(rng *rand.Rand, i int, tiers, svc string) (store.KeyRecord, error) {
	creds, err := service.NewCredentials()
	if err != nil {
		return store.KeyRecord{}, err
	}
	created := time.Now().Add(-time.Duration(rng.Int64N(int64(3 * 365 * 24 * time.Hour))))
	k := service.Key{
		ID: creds.Identifier, Tiers: tiers, Service: svc,
		Name:      fmt.Sprintf("%s %s %d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], i),
		CreatedAt: created, CreatedBy: creators[rng.IntN(len(creators))],
		Status: service.StatusActive, SecretHint: service.SecretHint(creds.Secret),
	}
	if rng.IntN(10) == 0 {
		k.Status, k.RevokedAt, k.RevokedBy = service.StatusRevoked, created.Add(time.Hour), k.CreatedBy
	}
	return store.KeyRecord{Key: k, Digest: service.SecretDigest(creds.Secret)}, nil
}
