package remote

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"html/template"
	"net/http"

	"sesame/assets/pagestyle"
	"sesame/service/msg"
)

// page is one of the short pages the browser shows at the end of the sign-in, on the
// app's loopback listener: in the app's language, styled like the server's login page by one inline
// style sheet allowed by a per-response nonce, with no script and nothing loaded.
type page struct {
	title, text msg.Code
	ok          bool // a success: the green mark instead of the notice
}

var (
	pageDone        = page{msgPageDoneTitle, msgPageDone, true}
	pageRefused     = page{msgPageRefusedTitle, msgPageRefused, false}
	pageCancelled   = page{msgPageCancelledTitle, msgPageCancelled, false}
	pageExpired     = page{msgPageExpiredTitle, msgPageExpired, false}
	pageAlreadyDone = page{msgPageAlreadyTitle, msgPageAlready, true}
	pageBadRequest  = page{msgPageBadTitle, msgPageBad, false}
)

// The sentences of those pages, as codes of the message catalogue.
const (
	msgPageDoneTitle      msg.Code = "signin.page_done_title"
	msgPageDone           msg.Code = "signin.page_done"
	msgPageRefusedTitle   msg.Code = "signin.page_refused_title"
	msgPageRefused        msg.Code = "signin.page_refused"
	msgPageCancelledTitle msg.Code = "signin.page_cancelled_title"
	msgPageCancelled      msg.Code = "signin.page_cancelled"
	msgPageExpiredTitle   msg.Code = "signin.page_expired_title"
	msgPageExpired        msg.Code = "signin.page_expired"
	msgPageAlreadyTitle   msg.Code = "signin.page_already_title"
	msgPageAlready        msg.Code = "signin.page_already"
	msgPageBadTitle       msg.Code = "signin.page_bad_title"
	msgPageBad            msg.Code = "signin.page_bad"
	msgPageBrand          msg.Code = "signin.page_brand"
	msgPageTitle          msg.Code = "signin.page_title"
)

// pageTemplate shares the style sheet of the server's login page (sesame/assets/pagestyle).
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"pagestyle": pagestyle.Sheet}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.PageTitle}}</title>
<style nonce="{{.Nonce}}">
{{pagestyle}}</style>
</head>
<body>
<main>
{{if .OK}}<p class="mark ok" aria-hidden="true">✓</p>{{else}}<p class="mark notice" aria-hidden="true">!</p>{{end}}
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
<p class="brand">{{.Brand}}</p>
</main>
</body>
</html>
`))

func writePage(w http.ResponseWriter, status int, p page) {
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	n := base64.RawStdEncoding.EncodeToString(nonce)
	var buf bytes.Buffer
	_ = pageTemplate.Execute(&buf, struct {
		Lang, PageTitle, Title, Text, Brand, Nonce string
		OK                                         bool
	}{msg.Language().String(), msg.T(msgPageTitle, msg.Params{"Title": msg.T(p.title, nil)}), msg.T(p.title, nil),
		msg.T(p.text, nil), msg.T(msgPageBrand, nil), n, p.ok})
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+n+"'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
