package httpserver

import (
	"bytes"
	"html/template"
	"net/http"
	"time"

	"golang.org/x/text/language"

	"sesame/assets/pagestyle"
	"sesame/service"
	"sesame/service/msg"
)

// loginTemplate is the login page, its sentences in the browser's language (T). Its only style is inline, allowed by a
// per-response nonce; it loads nothing, runs no script, and may only be framed by
// nobody.
var loginTemplate = template.Must(template.New("login").Funcs(template.FuncMap{"pagestyle": pagestyle.Sheet}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.T "login.page_title"}}</title>
<style nonce="{{.Nonce}}">
{{pagestyle}}</style>
</head>
<body>
<main>
<h1>{{.T "login.heading"}}</h1>
{{if .Error}}<p class="error" role="alert">{{.T .Error}}</p>{{end}}
{{if .Form}}<form method="post">
{{range .Hidden}}<input type="hidden" name="{{index . 0}}" value="{{index . 1}}">
{{end}}<input type="hidden" name="csrf_token" value="{{.CSRF}}">
<label for="login">{{.T "login.login"}}</label>
<input type="text" id="login" name="login" value="{{.Login}}" autocomplete="username" autocapitalize="none" spellcheck="false" required{{if not .Login}} autofocus{{end}}>
<label for="password">{{.T "login.password"}}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required{{if .Login}} autofocus{{end}}>
<button type="submit">{{.T "login.submit"}}</button>
</form>{{end}}
</main>
</body>
</html>
`))

// loginPage is what the template shows: an error, the form, or both.
type loginPage struct {
	Nonce  string
	Error  pageError
	Form   bool
	Hidden [][2]string
	CSRF   string
	Login  string
	origin string // the redirect URI's origin, allowed as a form-action target
	lang   language.Tag
}

// Lang is the page's language, for its lang attribute.
func (p loginPage) Lang() string { return p.lang.String() }

// T is the sentence of code in the page's language.
func (p loginPage) T(code msg.Code) string { return msg.Text(code, p.lang, nil) }

// renderLogin writes the page with its own CSP (CSP3: default-src 'none', the style
// by nonce, the form sent only here and on to the checked loopback redirect, no
// framing), on top of the headers every answer carries.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage, a authRequest) {
	p.Nonce = randomToken(16)
	p.lang = callerLanguage(r)
	if p.Form {
		p.Hidden = a.fields()
		p.CSRF = s.csrfToken(csrfNonce(w, r), a, s.now())
		p.origin = redirectOrigin(a.RedirectURI)
	}
	formAction := "'self'"
	if p.origin != "" {
		formAction += " " + p.origin
	}
	var buf bytes.Buffer
	if err := loginTemplate.Execute(&buf, p); err != nil {
		s.log.Error("login page", "err", err)
		http.Error(w, msg.Text(service.MsgUnexpected, p.lang, nil), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+p.Nonce+"'; form-action "+formAction+
		"; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderLimited shows the rate-limit page with Retry-After.
func (s *Server) renderLimited(w http.ResponseWriter, r *http.Request, wait time.Duration, a authRequest, login string) {
	w.Header().Set("Retry-After", retryAfter(wait))
	s.renderLogin(w, r, http.StatusTooManyRequests,
		loginPage{Error: msgLoginRateLimited, Form: true, Login: login}, a)
}
