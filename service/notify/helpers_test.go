package notify_test

import (
	"context"
	"crypto/tls"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/masterkey"
	"sesame/service/notify"
	"sesame/service/store"
	"sesame/service/store/sqlite"
)

// clock is a fake clock the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// firm is a server's store with a firm (95963, with 10042 attached) and two
// administrators, and the master key its secrets are sealed with.
type firm struct {
	st *sqlite.Store
	mk *masterkey.Key
}

func newFirm(t *testing.T) firm {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sesame.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	mk, err := masterkey.Generate()
	if err != nil {
		t.Fatal(err)
	}
	seedFirm(t, st)
	return firm{st: st, mk: mk}
}

// seedFirm stores the firm's tiers, catalogue and administrators.
func seedFirm(t *testing.T, st interface {
	store.Store
	store.NotifyStore
}) {
	t.Helper()
	ctx := context.Background()
	for _, tr := range []service.Tiers{{Code: "95963", Name: "FUTUROSCOPE"}, {Code: "10042", Name: "SARL L'Élève", AttachedTo: "95963"}, {Code: "77001", Name: "AUTRE"}} {
		if err := st.AddTiers(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutCatalogue(ctx, service.Catalogue{Categories: []string{"Services en ligne"}, Entries: []service.CatalogueEntry{
		{ID: "loop-apikey", Name: "Loop APIkey", Category: "Services en ligne", AcceptsKeys: true}}}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []store.Admin{
		{Login: "zmartin", Name: "Martin Zoé", SICCode: "95963", Tiers: []string{"95963"}},
		{Login: "jsmith", Name: "Smith John", SICCode: "95963", Tiers: []string{"95963"}},
		{Login: "autre", Name: "Autre", SICCode: "77001", Tiers: []string{"77001"}},
	} {
		if err := st.PutAdmin(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
}

// open opens what f.mk sealed.
func (f firm) open(label string, sealed []byte) ([]byte, error) { return f.mk.Open(label, sealed) }

// notifier returns a Notifier on f at the clock's time.
func (f firm) notifier(c *clock, smtpTLS *tls.Config) *notify.Notifier {
	return notify.New(notify.Config{Store: f.st, Open: f.open, Seal: f.mk.Seal, Now: c.Now, SMTPTLS: smtpTLS})
}
