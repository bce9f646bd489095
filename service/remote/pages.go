package remote

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"html/template"
	"net/http"
)

// page is one of the short pages the browser shows at the end of the sign-in, on the
// app's loopback listener: French, styled like the server's login page by one inline
// style sheet allowed by a per-response nonce, with no script and nothing loaded.
type page struct {
	title, text string
	ok          bool // a success: the green mark instead of the notice
}

var (
	pageDone        = page{"Connexion réussie", "Vous êtes connecté à Sésame. Vous pouvez fermer cet onglet et revenir à l'application.", true}
	pageRefused     = page{"Connexion refusée", "Le serveur du cabinet a refusé la connexion. Revenez à Sésame pour recommencer ; vous pouvez fermer cet onglet.", false}
	pageCancelled   = page{"Connexion annulée", "La connexion a été annulée dans Sésame ; recommencez depuis l'application. Vous pouvez fermer cet onglet.", false}
	pageExpired     = page{"Connexion expirée", "Sésame a cessé d'attendre cette connexion après 5 minutes ; recommencez depuis l'application. Vous pouvez fermer cet onglet.", false}
	pageAlreadyDone = page{"Connexion déjà faite", "Cette connexion a déjà abouti : Sésame est connecté. Vous pouvez fermer cet onglet.", true}
	pageBadRequest  = page{"Requête non valide", "Cette adresse ne correspond à aucune connexion en cours dans Sésame. Vous pouvez fermer cet onglet.", false}
)

// pageTemplate shares the look of the server's login page (service/httpserver).
var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.Title}} — Sésame</title>
<style nonce="{{.Nonce}}">
body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2733;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin-top:0}
.mark{font-size:2rem;line-height:1;margin:0 0 1rem}
.ok{color:#1e7a3c}
.notice{color:#8a5a00}
.brand{color:#5b6775;font-size:.85rem;margin:1.5rem 0 0}
</style>
</head>
<body>
<main>
{{if .OK}}<p class="mark ok" aria-hidden="true">✓</p>{{else}}<p class="mark notice" aria-hidden="true">!</p>{{end}}
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
<p class="brand">Sésame, sur ce poste</p>
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
		Title, Text, Nonce string
		OK                 bool
	}{p.title, p.text, n, p.ok})
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+n+"'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
