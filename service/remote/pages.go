package remote

import (
	"html"
	"net/http"
)

// page is one of the short pages the browser shows at the end of the sign-in: plain
// French HTML with no script, style sheet or resource, so the strictest policy fits.
type page struct{ title, text string }

var (
	pageDone       = page{"Connexion réussie", "Vous êtes connecté à Sésame. Vous pouvez fermer cet onglet et revenir à l'application."}
	pageRefused    = page{"Connexion refusée", "Le serveur du cabinet a refusé la connexion. Revenez à Sésame pour recommencer ; vous pouvez fermer cet onglet."}
	pageBadRequest = page{"Requête non valide", "Cette adresse ne correspond à aucune connexion en cours. Vous pouvez fermer cet onglet."}
)

func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>` +
		html.EscapeString(p.title) + ` — Sésame</title></head><body><h1>` + html.EscapeString(p.title) +
		`</h1><p>` + html.EscapeString(p.text) + `</p></body></html>`))
}
