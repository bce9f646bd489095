package httpserver

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"sesame/service/httpserver/openapi"
)

// Every route the server registers is in the OpenAPI description, with its method
// (a route without one, as the gateway's, with at least one).
func TestDescriptionHasEveryRoute(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.YAML())
	if err != nil {
		t.Fatal(err)
	}
	routes := (&Server{}).routeTable()
	if len(routes) < 20 {
		t.Fatalf("only %d routes read", len(routes))
	}
	for _, r := range routes {
		method, path, found := strings.Cut(r.pattern, " ")
		if !found {
			method, path = "", r.pattern
		}
		path = strings.ReplaceAll(path, "...}", "}")
		item := doc.Paths.Find(path)
		switch {
		case item == nil:
			t.Errorf("%s: the description lacks the path %s", r.pattern, path)
		case method == "" && len(item.Operations()) == 0:
			t.Errorf("%s: the description has no operation on it", r.pattern)
		case method != "" && item.GetOperation(method) == nil:
			t.Errorf("%s: the description lacks the method %s", r.pattern, method)
		}
	}
}
