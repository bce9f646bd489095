// Package pagestyle holds the one style sheet of the small HTML pages Sésame serves:
// the server's login and pickup pages, and the pages the app shows on its loopback
// listener at the end of a sign-in. Each page puts it inline, in a style element
// allowed by its answer's CSP nonce, so that no page loads anything. A page whose
// rules differ from the others' carries a class on its body (« pickup »).
package pagestyle

import (
	_ "embed"
	"html/template"
)

//go:embed pages.css
var sheet string

// Sheet is the style sheet, as CSS that html/template writes as it is: a page's
// template calls it inside its <style nonce="…"> element.
func Sheet() template.CSS { return template.CSS(sheet) }
