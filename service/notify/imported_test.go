package notify_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/local"
	"sesame/service/notify"
	"sesame/service/store"
	"sesame/service/store/sqlite"
	"sesame/service/store/sqlstore"
)

// A desktop file carried in brings its journal, with a suspension made on the
// desktop: nobody is told of it (it is history, and its words are the file's), while
// a suspension made on the server after the import is told once, although its instant
// is older than the file's events (the journal is read in the chain's order).
func TestImportedEventsAreNotTold(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sesame.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	seedFirm(t, st)
	if err := st.PutNotifyChoice(ctx, store.NotifyChoice{Login: "zmartin", Firm: "95963", Email: "zoe@cabinet.fr", Language: "fr", Kinds: service.NotifyKinds}); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now()}
	n := notify.New(notify.Config{Store: st, Now: c.Now})
	if err := n.Scan(ctx); err != nil { // the first scan: from now on
		t.Fatal(err)
	}

	file := filepath.Join(t.TempDir(), "poste.db")
	p, err := local.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.SetUpFirm(ctx, service.FirmSetup{SICCode: "95963", FirmName: "FUTUROSCOPE", AdminName: "Martin Zoé"}); err != nil {
		t.Fatal(err)
	}
	g, err := p.Generate(ctx, service.GenerateRequest{Tiers: "95963", Service: "loop-apikey", Name: "Banque"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Suspend(ctx, service.SuspendRequest{KeyID: g.Key.ID, Reason: "Cliquez ici : http://hameçon.example"}); err != nil {
		t.Fatal(err)
	}
	p.Close()
	src, err := sqlite.OpenImportSource(ctx, file, "")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if _, err := st.Import(ctx, src.DB, sqlstore.ImportOptions{Firm: "95963", Actor: "Martin Zoé"}); err != nil {
		t.Fatal(err)
	}
	if err := n.Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if ds, _ := st.Deliveries(ctx, "95963", "", 50); len(ds) != 0 {
		t.Fatalf("told of the file's journal: %+v", ds)
	}

	k := addKey(t, st, "Paie", c.Now(), time.Time{})
	if _, err := st.SuspendKey(ctx, k.ID, service.Suspension{At: c.Now(), By: "Martin Zoé", Reason: "fuite"},
		service.AuditEvent{At: c.Now(), Actor: "Martin Zoé", Action: service.AuditSuspend, KeyID: k.ID, KeyName: k.Name, Tiers: k.Tiers}); err != nil {
		t.Fatal(err)
	}
	if err := n.Scan(ctx); err != nil {
		t.Fatal(err)
	}
	ds, _ := st.Deliveries(ctx, "95963", "", 50)
	if len(ds) != 1 || !strings.Contains(string(ds[0].Payload), k.ID) {
		t.Fatalf("the suspension after the import: %+v", ds)
	}
}
