package httpserver

import (
	"bytes"
	"html/template"
	"net/http"

	"golang.org/x/text/language"

	"sesame/assets/pagestyle"
	"sesame/service"
	"sesame/service/msg"
)

// The sentences of the pickup page, as codes of the message catalogue.
const (
	msgPickupTitle      msg.Code = "pickup.page_title"
	msgPickupHeading    msg.Code = "pickup.heading"
	msgPickupIntro      msg.Code = "pickup.intro"
	msgPickupCode       msg.Code = "pickup.code"
	msgPickupSubmit     msg.Code = "pickup.submit"
	msgPickupWrongCode  msg.Code = "pickup.wrong_code"
	msgPickupCodeBlank  msg.Code = "pickup.code_blank"
	msgPickupLimited    msg.Code = "pickup.rate_limited"
	msgPickupEnded      msg.Code = "pickup.ended"
	msgPickupReused     msg.Code = "pickup.reused"
	msgPickupShown      msg.Code = "pickup.shown"
	msgPickupDone       msg.Code = "pickup.done_heading"
	msgPickupOnce       msg.Code = "pickup.done_once"
	msgPickupIdentifier msg.Code = "pickup.identifier"
	msgPickupSecret     msg.Code = "pickup.secret"
	msgPickupUsage      msg.Code = "pickup.usage"
)

// pickupTemplate is the pickup page, styled as the login page (one sheet,
// sesame/assets/pagestyle, whose « pickup » rules widen it): the code form, a
// sentence saying the link is over, or the credentials, shown once. Its only style
// is inline, allowed by a per-response nonce; it loads nothing and runs no script.
var pickupTemplate = template.Must(template.New("pickup").Funcs(template.FuncMap{"pagestyle": pagestyle.Sheet}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>{{.T "pickup.page_title"}}</title>
<style nonce="{{.Nonce}}">
{{pagestyle}}</style>
</head>
<body class="pickup">
<main>
{{if .Done}}<h1>{{.T "pickup.done_heading"}}</h1>
<p class="notice" role="alert">{{.T "pickup.done_once"}}</p>
<label>{{.T "pickup.identifier"}}</label>
<code id="identifier">{{.Identifier}}</code>
<label>{{.T "pickup.secret"}}</label>
<code id="secret">{{.Secret}}</code>
<p>{{.T "pickup.usage"}}</p>
{{else}}<h1>{{.T "pickup.heading"}}</h1>
{{if .Error}}<p class="error" role="alert">{{.T .Error}}</p>{{end}}
{{if .Form}}<p>{{.T "pickup.intro"}}</p>
<form method="post" autocomplete="off">
<label for="code">{{.T "pickup.code"}}</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" required autofocus>
<button type="submit">{{.T "pickup.submit"}}</button>
</form>{{end}}{{end}}
</main>
</body>
</html>
`))

// pickupPage is what the template shows: the form (with an error or not), an error
// alone, or the credentials.
type pickupPage struct {
	Nonce      string
	Error      msg.Code
	Form       bool
	Done       bool
	Identifier string
	Secret     string
	lang       language.Tag
}

// Lang is the page's language, for its lang attribute.
func (p pickupPage) Lang() string { return p.lang.String() }

// T is the sentence of code in the page's language.
func (p pickupPage) T(code msg.Code) string { return msg.Text(code, p.lang, nil) }

// renderPickup writes the page with its own CSP (nothing loaded, the style by nonce,
// the form sent only here, no framing) on top of the headers every answer carries,
// among them Cache-Control: no-store.
func (s *Server) renderPickup(w http.ResponseWriter, r *http.Request, status int, p pickupPage) {
	p.Nonce = randomToken(16)
	p.lang = callerLanguage(r)
	var buf bytes.Buffer
	if err := pickupTemplate.Execute(&buf, p); err != nil {
		s.log.Error("pickup page", "err", err)
		http.Error(w, msg.Text(service.MsgUnexpected, p.lang, nil), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+p.Nonce+"'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
