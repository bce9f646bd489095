package remote

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"sesame/service"
)

// loopback is the app's listener on 127.0.0.1 for the browser's return (RFC 8252
// §7.3). It opens at the first sign-in and answers every return until the app ends:
// the attempt under way exchanges its code; a return to an attempt that was cancelled,
// that timed out or that already ended gets a page saying so; anything else, a page
// saying that no sign-in is under way. A closed listener would leave the browser on
// its own "connection refused" page instead.
type loopback struct {
	ln  net.Listener
	srv *http.Server

	mu      sync.Mutex
	current *attempt
	ended   map[string]page // state of an attempt that ended → the page its return gets
	order   []string        // ended states, oldest first, to forget the oldest
}

// maxEnded bounds how many ended attempts the listener remembers.
const maxEnded = 32

// attempt is one sign-in waiting for the browser.
type attempt struct {
	state    string
	cfg      oauth2.Config
	verifier string
	client   *http.Client       // the session's: its TLS trust
	done     chan attemptResult // buffered: the first return that settles it
}

type attemptResult struct {
	tok *oauth2.Token
	err error
}

// startLoopback listens on a random port of 127.0.0.1 until appCtx ends.
func startLoopback(appCtx context.Context) (*loopback, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, service.Errorf(service.EINTERNAL, service.MsgUnexpected, fmt.Errorf("loopback listener: %w", err))
	}
	l := &loopback{ln: ln, ended: map[string]page{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/callback", l.onReturn)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writePage(w, http.StatusNotFound, pageBadRequest) })
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second}
	go func() { _ = l.srv.Serve(ln) }()
	go func() {
		<-appCtx.Done()
		_ = l.srv.Close()
	}()
	return l, nil
}

// redirectURI is where the server sends the browser back.
func (l *loopback) redirectURI() string { return fmt.Sprintf("http://%s/callback", l.ln.Addr()) }

// begin makes a the attempt under way; an earlier one still waiting ends as cancelled.
func (l *loopback) begin(a *attempt) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.current != nil {
		l.endLocked(l.current.state, pageCancelled)
	}
	l.current = a
}

// end settles an attempt: its later returns get p.
func (l *loopback) end(state string, p page) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.endLocked(state, p)
}

// finish ends the attempt of that state as signed in, if it is still the one under
// way; false if it ended meanwhile.
func (l *loopback) finish(state string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.current == nil || l.current.state != state {
		return false
	}
	l.endLocked(state, pageAlreadyDone)
	return true
}

func (l *loopback) endLocked(state string, p page) {
	if l.current != nil && l.current.state == state {
		l.current = nil
	}
	if _, ok := l.ended[state]; !ok {
		l.order = append(l.order, state)
	}
	l.ended[state] = p
	if len(l.order) > maxEnded {
		delete(l.ended, l.order[0])
		l.order = l.order[1:]
	}
}

// lookup finds what a return's state belongs to: the attempt under way, or the page
// of an ended one.
func (l *loopback) lookup(state string) (*attempt, page, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if a := l.current; a != nil && subtle.ConstantTimeCompare([]byte(state), []byte(a.state)) == 1 {
		return a, page{}, true
	}
	for s, p := range l.ended {
		if subtle.ConstantTimeCompare([]byte(state), []byte(s)) == 1 {
			return nil, p, true
		}
	}
	return nil, page{}, false
}

// onReturn answers the browser's return from the server's login page.
func (l *loopback) onReturn(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, p, ok := l.lookup(q.Get("state"))
	switch {
	case !ok:
		writePage(w, http.StatusBadRequest, pageBadRequest)
		return
	case a == nil:
		writePage(w, http.StatusOK, p)
		return
	}
	if e := q.Get("error"); e != "" {
		l.end(a.state, pageRefused)
		writePage(w, http.StatusOK, pageRefused)
		a.settle(attemptResult{err: service.Errorf(service.EUNAUTHORIZED, MsgSignInRefused, fmt.Errorf("authorization error %q", e))})
		return
	}
	tok, err := a.cfg.Exchange(context.WithValue(r.Context(), oauth2.HTTPClient, a.client), q.Get("code"), oauth2.VerifierOption(a.verifier))
	if err != nil {
		l.end(a.state, pageRefused)
		writePage(w, http.StatusOK, pageRefused)
		a.settle(attemptResult{err: classifyOAuth(err)})
		return
	}
	if !l.finish(a.state) {
		// Annuler was pressed while the code was being exchanged: the app no longer
		// waits, and the tokens are dropped.
		writePage(w, http.StatusOK, pageCancelled)
		return
	}
	writePage(w, http.StatusOK, pageDone)
	a.settle(attemptResult{tok: tok})
}

func (a *attempt) settle(r attemptResult) {
	select {
	case a.done <- r:
	default:
	}
}
