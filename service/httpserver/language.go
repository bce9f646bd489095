package httpserver

import (
	"net/http"

	"golang.org/x/text/language"

	"sesame/service/msg"
)

// callerLanguage is the catalogue language of the caller: its Accept-Language header's
// choice between French and English, French when it says nothing.
func callerLanguage(r *http.Request) language.Tag {
	return msg.Negotiate(r.Header.Get("Accept-Language"))
}
