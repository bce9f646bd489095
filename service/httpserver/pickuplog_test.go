package httpserver_test

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"

	"sesame/service/httpserver"
)

// A pickup link's token is a live credential: a request to /remise/<token> that is
// refused before its handler (a form with bad UTF-8, a head over the limit) is
// logged with the token cut off, as the pickup handlers log it.
func TestPickupTokenNeverLogged(t *testing.T) {
	e := newEnv(t, nil)
	_, admin := e.signIn(loginA, e.passwordA)
	g := e.generate(admin.AccessToken, tiersA, "Partenaire Durand")
	st, l, body := e.handover(admin.AccessToken, g.Identifier, 0)
	if st != http.StatusOK {
		t.Fatalf("handover: %d %s", st, body)
	}
	path := e.pathOf(l)
	token := strings.TrimPrefix(path, "/remise/")
	hs := httpserver.NewHTTPServer("", e.srv.Handler(), slog.New(slog.NewTextHandler(e.logs, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	base := "http://" + ln.Addr().String()

	bad, _ := http.NewRequest("POST", base+path, strings.NewReader("code=\xff\xfe"))
	bad.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	big, _ := http.NewRequest("GET", base+path, nil)
	for i := range 4 {
		big.Header.Set("X-Filler-"+string(rune('A'+i)), strings.Repeat("f", 5000))
	}
	for what, req := range map[string]*http.Request{"bad UTF-8 form": bad, "head over the limit": big} {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 4 {
			t.Errorf("%s: %d, want a refusal", what, resp.StatusCode)
		}
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "invalid UTF-8") || !strings.Contains(logs, "head too large") {
		t.Fatalf("the refusals are not logged:\n%s", logs)
	}
	if strings.Contains(logs, token) || strings.Contains(logs, token[:16]) {
		t.Errorf("the pickup token reached the log:\n%s", logs)
	}
	if !strings.Contains(logs, "path=/remise/…") {
		t.Errorf("the refusals do not name the pickup page:\n%s", logs)
	}
}
