package openapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"sesame/service/httpserver/openapi"
)

// The description is a valid OpenAPI 3.1 document (kin-openapi's validator, examples
// included), and the JSON served is the same document.
func TestDescriptionIsValidOpenAPI31(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapi.YAML())
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() || doc.IsOpenAPI32OrLater() {
		t.Fatalf("openapi: %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	fromJSON, err := openapi3.NewLoader().LoadFromData(openapi.JSON())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(doc)
	b, _ := json.Marshal(fromJSON)
	if string(a) != string(b) {
		t.Fatal("the served JSON is not the YAML description")
	}
}

// The reference page shows every operation of the description, and reaches for
// nothing outside itself: no script, no style sheet, font or image from elsewhere.
func TestDocsPageListsEveryOperationOffline(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.YAML())
	if err != nil {
		t.Fatal(err)
	}
	page := string(openapi.Docs())
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !strings.Contains(page, ">"+method+"</span> <code>"+path+"</code>") {
				t.Errorf("the page lacks %s %s", method, path)
			}
		}
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<link`), regexp.MustCompile(`(?i)src=`),
		regexp.MustCompile(`(?i)url\(`), regexp.MustCompile(`(?i)@import`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("the page reaches outside itself: %q", page[max(loc[0]-40, 0):min(loc[1]+40, len(page))])
		}
	}
	// The policy names the page's one style element by its hash, as a browser
	// computes it on the element's text: the style applies, nothing else does.
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(page, -1)
	if len(style) != 1 {
		t.Fatalf("the page has %d style elements, want 1", len(style))
	}
	sum := sha256.Sum256([]byte(style[0][1]))
	want := "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := openapi.DocsCSP(); !strings.Contains(csp, want) || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script") {
		t.Errorf("CSP %q, want %s", csp, want)
	}
	for _, want := range []string{"Vérifier une clé", "client_credentials", "x-apikey", "Problem"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page never says %q", want)
		}
	}
}
