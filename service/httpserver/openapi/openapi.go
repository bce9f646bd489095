// Package openapi holds the OpenAPI 3.1 description of the server's HTTP API
// (openapi.yaml, the one source), served as JSON at /v1/openapi.json, and the
// reference page rendered from it for /docs: plain HTML and CSS, readable offline.
package openapi

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed openapi.yaml
var source []byte

// YAML is the description as written.
func YAML() []byte { return source }

// JSON is the description as JSON, the form /v1/openapi.json serves.
func JSON() []byte { return parsed().json }

type document struct {
	tree map[string]any
	json []byte
}

// parsed reads the embedded description once; it is part of the build, so a
// description that does not parse is a bug that the package's test catches.
var parsed = sync.OnceValue(func() document {
	var tree map[string]any
	if err := yaml.Unmarshal(source, &tree); err != nil {
		panic(fmt.Sprintf("openapi.yaml: %v", err))
	}
	b, err := json.MarshalIndent(tree, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("openapi.yaml as JSON: %v", err))
	}
	return document{tree: tree, json: b}
})
