// Package browser signs in the way an administrator does: the server's real login
// page in a real Chromium (headless, driven through the DevTools protocol with
// chromedp), the return to the app's loopback listener, and the pages the app shows
// there. Chromium comes from the Debian package (scripts/deps test installs it).
package browser

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sesame/service"
	"sesame/service/httpserver/servertest"
	"sesame/service/keychain"
	"sesame/service/remote"
)

// chromium starts a headless Chromium with a fresh profile, for the test's duration.
func chromium(t *testing.T) context.Context {
	t.Helper()
	var exe string
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("no chromium on PATH: run scripts/deps test (the Debian package chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("lang", "fr-FR"),        // the administrator's browser speaks French:
		chromedp.Flag("accept-lang", "fr-FR"), // the pages follow its Accept-Language
		chromedp.Flag("no-sandbox", true),     // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	if os.Getenv("DISPLAY") == "" {
		opts = append(opts, chromedp.Env("DISPLAY="))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, for ctx's lifetime
		t.Fatalf("chromium does not start: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}

// eval evaluates a JavaScript expression in the page.
func eval(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// do runs browser steps, or fails.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// signInAttempt runs the app's SignIn in the background; the browser's "open" hands
// over the login page's address.
type signInAttempt struct {
	authURL chan string
	result  chan error
}

func startSignIn(ctx context.Context, s *remote.Session) *signInAttempt {
	a := &signInAttempt{authURL: make(chan string, 1), result: make(chan error, 1)}
	go func() {
		a.result <- s.SignIn(ctx, func(u string) error { a.authURL <- u; return nil })
	}()
	return a
}

func (a *signInAttempt) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-a.result:
		return err
	case <-time.After(time.Minute):
		t.Fatal("the app is still waiting for the browser")
		return nil
	}
}

// pageText is the text of the page's main part.
func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	do(t, ctx, chromedp.WaitReady(chromedp.CSS("main")))
	return eval(t, ctx, `document.querySelector("main").innerText`)
}

func TestSignInThroughTheRealLoginPageInChromium(t *testing.T) {
	env := servertest.Start(t, nil)
	kc := keychain.OS{Service: "fr.cabinet.sesame.test-" + t.Name()}
	s, err := remote.NewSession(t.Context(), env.URL, kc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kc.Delete(context.Background(), s.Server()) })
	browser := chromium(t)

	// A wrong password: the page says so, keeps the login, and the cursor waits in
	// the password field.
	a := startSignIn(t.Context(), s)
	authURL := <-a.authURL
	do(t, browser,
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), servertest.Login),
		chromedp.SendKeys(chromedp.CSS("#password"), "mauvais mot de passe"),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(".error")),
	)
	focused := eval(t, browser, `document.activeElement.id`)
	keptLogin := eval(t, browser, `document.querySelector("#login").value`)
	background := eval(t, browser, `getComputedStyle(document.body).backgroundColor`)
	if focused != "password" || keptLogin != servertest.Login {
		t.Errorf("after a wrong password: focus on %q, login %q", focused, keptLogin)
	}
	if background != "rgb(243, 245, 248)" {
		t.Errorf("the login page's style is not applied (body background %s): its CSP nonce is refused?", background)
	}
	if text := pageText(t, browser); !strings.Contains(text, "Identifiant ou mot de passe incorrect.") {
		t.Errorf("after a wrong password the page says: %q", text)
	}
	sameLook(t, browser, "the login page", loginSheetBefore)

	// The right password: the browser comes back to the app's loopback listener, on
	// the success page, styled like the login page; the app is signed in.
	do(t, browser,
		chromedp.SendKeys(chromedp.CSS("#password"), env.Password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("p.mark.ok")),
	)
	location := eval(t, browser, `location.href`)
	background = eval(t, browser, `getComputedStyle(document.body).backgroundColor`)
	if err := a.wait(t); err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	if !strings.HasPrefix(location, "http://127.0.0.1:") || !strings.Contains(location, "/callback?") {
		t.Errorf("the browser ended at %s, not on the app's loopback listener", strings.SplitN(location, "?", 2)[0])
	}
	if text := pageText(t, browser); !strings.Contains(text, "Connexion réussie") || !strings.Contains(text, "Vous pouvez fermer cet onglet") {
		t.Errorf("success page: %q", text)
	}
	if background != "rgb(243, 245, 248)" {
		t.Errorf("the success page is not styled like the login page (body background %s)", background)
	}
	sameLook(t, browser, "the app's success page", signInPageSheetBefore)
	if _, err := s.Portal().Profile(t.Context()); err != nil {
		t.Fatalf("signed in, yet: %v", err)
	}

	// Annuler in the app while the login page is open; the administrator signs in in
	// the tab anyway: the app's page says the sign-in was cancelled.
	ctx, cancel := context.WithCancel(t.Context())
	a = startSignIn(ctx, s)
	authURL = <-a.authURL
	do(t, browser,
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), servertest.Login),
		chromedp.SendKeys(chromedp.CSS("#password"), env.Password),
	)
	cancel()
	if err := a.wait(t); service.ErrorMessage(err) != remote.MsgSignInCancelled {
		t.Fatalf("Annuler: %v", err)
	}
	do(t, browser,
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("p.mark.notice")),
	)
	location = eval(t, browser, `location.href`)
	if text := pageText(t, browser); !strings.HasPrefix(location, "http://127.0.0.1:") ||
		!strings.Contains(text, "La connexion a été annulée dans Sésame ; recommencez depuis l'application") {
		t.Errorf("after Annuler the browser shows, at %s: %q", strings.SplitN(location, "?", 2)[0], text)
	}
	sameLook(t, browser, "the app's « annulée » page", signInPageSheetBefore)
	if err := s.SignOut(t.Context()); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("sign out: %v", err)
	}
}
