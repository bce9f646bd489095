package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"sesame/service"
	"sesame/service/notify"
	"sesame/service/store"
)

// receiver is a firm's webhook receiver as the README describes it: it checks the
// signature, refuses a timestamp outside five minutes of its own clock, and refuses
// a signature it has accepted already (a replay).
type receiver struct {
	secret []byte
	now    func() time.Time
	mu     sync.Mutex
	seen   map[string]bool
	got    []service.Notification
	status int // answered instead of 204 while set
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	sig := r.Header.Get(notify.SignatureHeader)
	if _, err := notify.Verify(rc.secret, sig, body, rc.now(), 5*time.Minute); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.seen[sig] {
		http.Error(w, "replayed", http.StatusConflict)
		return
	}
	if rc.status != 0 {
		w.WriteHeader(rc.status)
		return
	}
	rc.seen[sig] = true
	var n service.Notification
	if err := json.Unmarshal(body, &n); err != nil || r.Header.Get(notify.EventHeader) != string(n.Kind) {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	rc.got = append(rc.got, n)
	w.WriteHeader(http.StatusNoContent)
}

func (rc *receiver) setStatus(s int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.status = s
}

func (rc *receiver) received() []service.Notification {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]service.Notification(nil), rc.got...)
}

// webhookFirm is a firm with one HTTPS webhook told of suspensions, its receiver on
// the test's clock, and a notifier whose client trusts the receiver's certificate.
func webhookFirm(t *testing.T, c *clock) (firm, *receiver, *httptest.Server, *notify.Notifier) {
	t.Helper()
	f := newFirm(t)
	secret := []byte("whsec-0123456789abcdef0123456789abcdef")
	rc := &receiver{secret: secret, now: c.Now, seen: map[string]bool{}}
	ts := httptest.NewTLSServer(rc)
	t.Cleanup(ts.Close)
	if !notify.ValidWebhookURL(ts.URL) {
		t.Fatalf("%s is not a webhook URL", ts.URL)
	}
	if err := f.st.AddWebhook(context.Background(), store.Webhook{ID: "wh_1", Firm: "95963", URL: ts.URL + "/sesame",
		Secret: f.mk.Seal(store.WebhookSecretLabel("wh_1"), secret), Kinds: []service.NotifyKind{service.NotifyKeySuspended},
		CreatedAt: c.Now(), CreatedBy: "Martin Zoé"}); err != nil {
		t.Fatal(err)
	}
	n := notify.New(notify.Config{Store: f.st, Open: f.open, Now: c.Now, HTTPClient: ts.Client()})
	return f, rc, ts, n
}

// A webhook gets the event signed; the same request sent again is refused by the
// receiver, and so is one with its body changed.
func TestWebhookSignedAndReplayRefused(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	f, rc, ts, n := webhookFirm(t, c)
	ctx := context.Background()
	ev := service.Notification{ID: "audit:9", Kind: service.NotifyKeySuspended, Firm: "95963", At: c.Now(), KeyID: "K7Q2M4ZP", KeyName: "Export"}
	if got, err := n.Enqueue(ctx, ev); err != nil || got != 1 {
		t.Fatalf("Enqueue: %d %v", got, err)
	}
	// Not told of what it did not choose.
	if got, _ := n.Enqueue(ctx, service.Notification{ID: "audit:10", Kind: service.NotifyPolicyChanged, Firm: "95963", At: c.Now()}); got != 0 {
		t.Fatalf("policy enqueued for a webhook that chose suspensions only: %d", got)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	got := rc.received()
	if len(got) != 1 || got[0].ID != "audit:9" || got[0].KeyName != "Export" {
		t.Fatalf("received %+v", got)
	}
	ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
	if len(ds) != 1 || ds[0].Status != store.DeliveryDelivered || ds[0].LastResult != "204 No Content" {
		t.Fatalf("delivery: %+v", ds)
	}

	// A replay of the very request: same body, same signature.
	body, _ := json.Marshal(ev)
	sig := notify.Sign([]byte("whsec-0123456789abcdef0123456789abcdef"), c.Now(), body)
	post := func(b []byte, sig string) int {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/sesame", bytes.NewReader(b))
		req.Header.Set(notify.SignatureHeader, sig)
		req.Header.Set(notify.EventHeader, string(ev.Kind))
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post(body, sig); s != http.StatusConflict {
		t.Fatalf("replayed request answered %d", s)
	}
	if s := post(bytes.Replace(body, []byte("Export"), []byte("Autre!"), 1), sig); s != http.StatusUnauthorized {
		t.Fatalf("altered body answered %d", s)
	}
	// Replayed an hour later, after the receiver forgot it: the timestamp is stale.
	c.Set(c.Now().Add(time.Hour))
	rc.mu.Lock()
	rc.seen = map[string]bool{}
	rc.mu.Unlock()
	if s := post(body, sig); s != http.StatusUnauthorized {
		t.Fatalf("stale request answered %d", s)
	}
}

// A receiver that keeps failing: attempts back off over more than a day, each
// recorded, then the delivery is failed; retried by hand once the receiver is back,
// it is delivered.
func TestWebhookBackoffThenFailedThenRetried(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	c := &clock{t: start}
	f, rc, _, n := webhookFirm(t, c)
	ctx := context.Background()
	rc.setStatus(http.StatusServiceUnavailable)
	if _, err := n.Enqueue(ctx, service.Notification{ID: "audit:4", Kind: service.NotifyKeySuspended, Firm: "95963", At: start}); err != nil {
		t.Fatal(err)
	}
	var last store.Delivery
	for i := 0; i < 50; i++ {
		if _, err := n.Deliver(ctx, 10); err != nil {
			t.Fatal(err)
		}
		ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
		last = ds[0]
		if last.Status != store.DeliveryPending {
			break
		}
		if last.NextAt.Sub(c.Now()) > notify.MaxRetryDelay {
			t.Fatalf("attempt %d: next in %v", last.Attempts, last.NextAt.Sub(c.Now()))
		}
		c.Set(last.NextAt)
	}
	if last.Status != store.DeliveryFailed || last.Attempts != notify.MaxAttempts || last.LastResult != "503 Service Unavailable" {
		t.Fatalf("after the retries: %+v", last)
	}
	if span := last.LastAt.Sub(start); span < 24*time.Hour {
		t.Fatalf("gave up after %v, want more than a day", span)
	}
	_, attempts, err := f.st.Delivery(ctx, "95963", last.ID)
	if err != nil || len(attempts) != notify.MaxAttempts || attempts[0].HTTPStatus != 503 || !attempts[0].At.Equal(start) {
		t.Fatalf("attempts: %+v %v", attempts, err)
	}
	for i := 1; i < len(attempts); i++ {
		if gap := attempts[i].At.Sub(attempts[i-1].At); i > 1 && gap < attempts[i-1].At.Sub(attempts[i-2].At) {
			t.Fatalf("attempt %d came %v after the one before, sooner than the gap before it", i+1, gap)
		}
	}
	failed, _ := f.st.Deliveries(ctx, "95963", store.DeliveryFailed, 10)
	if len(failed) != 1 || len(rc.received()) != 0 {
		t.Fatalf("failed list: %+v", failed)
	}
	rc.setStatus(0)
	if _, err := f.st.RetryDelivery(ctx, "95963", last.ID, c.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if d, _, _ := f.st.Delivery(ctx, "95963", last.ID); d.Status != store.DeliveryDelivered || len(rc.received()) != 1 {
		t.Fatalf("after the retry: %+v", d)
	}
}

// A webhook removed after its delivery was enqueued: the delivery fails at once,
// without the retries that could not help.
func TestWebhookRemovedFailsAtOnce(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	f, _, _, n := webhookFirm(t, c)
	ctx := context.Background()
	if _, err := n.Enqueue(ctx, service.Notification{ID: "audit:5", Kind: service.NotifyKeySuspended, Firm: "95963", At: c.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.RemoveWebhook(ctx, "95963", "wh_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
	if len(ds) != 1 || ds[0].Status != store.DeliveryFailed || !strings.Contains(ds[0].LastResult, "removed") {
		t.Fatalf("delivery to a removed webhook: %+v", ds)
	}
}

// A receiver that never answers holds its delivery no longer than the client's
// timeout; the attempt is recorded and retried later.
func TestWebhookHangingReceiverIsRetried(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	f := newFirm(t)
	release := make(chan struct{})
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(release) })
	if err := f.st.AddWebhook(context.Background(), store.Webhook{ID: "wh_h", Firm: "95963", URL: ts.URL,
		Secret: f.mk.Seal(store.WebhookSecretLabel("wh_h"), []byte("s")), Kinds: service.NotifyKinds, CreatedAt: c.Now()}); err != nil {
		t.Fatal(err)
	}
	client := ts.Client()
	client.Timeout = 200 * time.Millisecond
	n := notify.New(notify.Config{Store: f.st, Open: f.open, Now: c.Now, HTTPClient: client})
	ctx := context.Background()
	if _, err := n.Enqueue(ctx, service.Notification{ID: "audit:6", Kind: service.NotifyGraceEnded, Firm: "95963", At: c.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Deliver(ctx, 10); err != nil {
		t.Fatal(err)
	}
	ds, _ := f.st.Deliveries(ctx, "95963", "", 10)
	if len(ds) != 1 || ds[0].Status != store.DeliveryPending || ds[0].Attempts != 1 || !strings.Contains(ds[0].LastResult, "Timeout") {
		t.Fatalf("after a hanging receiver: %+v", ds)
	}
}
