package openapi

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
)

// page is what the reference page shows: the description's operations grouped by
// tag, then its schemas.
type page struct {
	Title, Version, Description string
	Groups                      []group
	Schemas                     []schema
	Style                       template.CSS
}

type group struct {
	Name, Description string
	Operations        []operation
}

type operation struct {
	Anchor, Method, Path, Summary, Description string
	Secured                                    bool
	Params                                     []param
	Body                                       *body
	Responses                                  []response
}

type param struct {
	Name, In, Type, Description, Example string
	Required                             bool
}

type body struct {
	MediaType, Schema, Example string
}

type response struct {
	Status, Description, MediaType, Schema, Example string
}

type schema struct {
	Name, Description string
	Fields            []param
}

//go:embed docs.tmpl
var docsTemplateText string

//go:embed docs.css
var docsCSS string

var docsTemplate = template.Must(template.New("docs").Funcs(template.FuncMap{"text": inlineCode}).Parse(docsTemplateText))

// inlineCode renders a description's `code spans` as <code>, the rest as escaped text.
func inlineCode(s string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(part))
		}
	}
	return template.HTML(b.String())
}

// methods are the HTTP methods in the order the page lists them.
var methods = []string{"get", "post", "put", "patch", "delete", "head", "options"}

// Docs is the reference page, rendered once from the description.
func Docs() []byte { return rendered().html }

// DocsCSP is the Content-Security-Policy that the reference page needs: nothing but
// its own style sheet, inline and named by its hash.
func DocsCSP() string { return rendered().csp }

type renderedPage struct {
	html []byte
	csp  string
}

var rendered = sync.OnceValue(func() renderedPage {
	p := buildPage(parsed().tree)
	var b bytes.Buffer
	if err := docsTemplate.Execute(&b, p); err != nil {
		panic(fmt.Sprintf("docs page: %v", err))
	}
	sum := sha256.Sum256([]byte(p.Style))
	return renderedPage{html: b.Bytes(),
		csp: "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; frame-ancestors 'none'"}
})

func buildPage(doc map[string]any) page {
	info := obj(doc["info"])
	p := page{Title: str(info["title"]), Version: str(info["version"]), Description: str(info["description"]), Style: template.CSS(docsCSS)}
	byTag := map[string]*group{}
	var order []string
	for _, t := range list(doc["tags"]) {
		t := obj(t)
		name := str(t["name"])
		byTag[name] = &group{Name: name, Description: str(t["description"])}
		order = append(order, name)
	}
	paths := obj(doc["paths"])
	for _, path := range sortedKeys(paths) {
		item := obj(paths[path])
		shared := list(item["parameters"])
		for _, m := range methods {
			op, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			o := buildOperation(doc, m, path, op, shared)
			tag := "autres"
			if tags := list(op["tags"]); len(tags) > 0 {
				tag = str(tags[0])
			}
			g := byTag[tag]
			if g == nil {
				g = &group{Name: tag}
				byTag[tag] = g
				order = append(order, tag)
			}
			g.Operations = append(g.Operations, o)
		}
	}
	for _, name := range order {
		if g := byTag[name]; len(g.Operations) > 0 {
			p.Groups = append(p.Groups, *g)
		}
	}
	schemas := obj(obj(doc["components"])["schemas"])
	for _, name := range sortedKeys(schemas) {
		s := obj(schemas[name])
		sc := schema{Name: name, Description: str(s["description"])}
		if enum := list(s["enum"]); len(enum) > 0 {
			sc.Description = strings.TrimSpace(sc.Description + " " + enumText(enum))
		}
		required := list(s["required"])
		props := obj(s["properties"])
		for _, f := range sortedKeys(props) {
			fs := obj(props[f])
			sc.Fields = append(sc.Fields, param{Name: f, Type: typeOf(fs), Description: str(fs["description"]),
				Required: slices.Contains(required, any(f))})
		}
		p.Schemas = append(p.Schemas, sc)
	}
	return p
}

func buildOperation(doc map[string]any, method, path string, op map[string]any, shared []any) operation {
	o := operation{Method: strings.ToUpper(method), Path: path, Summary: str(op["summary"]), Description: str(op["description"]),
		Secured: len(list(op["security"])) > 0}
	o.Anchor = strings.ToLower(o.Method) + strings.NewReplacer("/", "-", "{", "", "}", "", ".", "").Replace(path)
	for _, raw := range append(slices.Clone(shared), list(op["parameters"])...) {
		pr := resolve(doc, obj(raw))
		o.Params = append(o.Params, param{Name: str(pr["name"]), In: str(pr["in"]), Type: typeOf(obj(pr["schema"])),
			Description: str(pr["description"]), Example: exampleText(pr["example"]), Required: pr["required"] == true})
	}
	if rb := resolve(doc, obj(op["requestBody"])); rb != nil {
		for _, mt := range sortedKeys(obj(rb["content"])) {
			c := obj(obj(rb["content"])[mt])
			o.Body = &body{MediaType: mt, Schema: typeOf(obj(c["schema"])), Example: exampleText(c["example"])}
			break
		}
	}
	resps := obj(op["responses"])
	for _, status := range sortedKeys(resps) {
		r := resolve(doc, obj(resps[status]))
		rs := response{Status: status, Description: str(r["description"])}
		for _, mt := range sortedKeys(obj(r["content"])) {
			c := obj(obj(r["content"])[mt])
			rs.MediaType, rs.Schema, rs.Example = mt, typeOf(obj(c["schema"])), exampleText(c["example"])
			break
		}
		o.Responses = append(o.Responses, rs)
	}
	return o
}

// resolve follows a local $ref ("#/components/…").
func resolve(doc map[string]any, v map[string]any) map[string]any {
	ref, ok := v["$ref"].(string)
	if !ok {
		return v
	}
	cur := any(doc)
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		cur = obj(cur)[part]
	}
	return obj(cur)
}

// typeOf names a schema for the page: its component's name, or its type.
func typeOf(s map[string]any) string {
	if ref, ok := s["$ref"].(string); ok {
		return ref[strings.LastIndex(ref, "/")+1:]
	}
	t := str(s["type"])
	switch t {
	case "array":
		return "[" + typeOf(obj(s["items"])) + "]"
	case "":
		return ""
	}
	if f := str(s["format"]); f != "" {
		t += " (" + f + ")"
	}
	if enum := list(s["enum"]); len(enum) > 0 {
		t += " " + enumText(enum)
	}
	return t
}

func enumText(enum []any) string {
	parts := make([]string, len(enum))
	for i, e := range enum {
		parts[i] = fmt.Sprint(e)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// exampleText shows an example as indented JSON, a string as it is.
func exampleText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
