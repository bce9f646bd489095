package gui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"sesame/assets"
	"sesame/service"
	"sesame/service/msg"
)

func TestEnglishWhenTheSystemSpeaksEnglishFrenchOtherwise(t *testing.T) {
	defer func() { // back to French for the other tests
		t.Setenv("LANG", "fr_FR.UTF-8")
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
	}()
	for _, c := range []struct {
		env                      string
		generate, taken, catalog string
	}{
		{"en_US.UTF-8", "Generate", "An active API key already has this name for this third party and this service.", "Service catalogue"},
		{"en_GB.UTF-8", "Generate", "An active API key already has this name for this third party and this service.", "Service catalogue"},
		{"fr_FR.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"de_DE.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"it_IT.UTF-8", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
		{"C", "Générer", "Une clé d'API active porte déjà ce nom pour ce tiers et ce service.", "Catalogue de services"},
	} {
		t.Setenv("LANG", c.env)
		if err := setUpLanguage(); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Générer"); got != c.generate {
			t.Errorf("LANG=%s: Générer reads %q, want %q", c.env, got, c.generate)
		}
		if got := message(service.Errorf(service.ECONFLICT, service.MsgKeyNameTaken, nil)); got != c.taken {
			t.Errorf("LANG=%s: duplicate name message %q, want %q", c.env, got, c.taken)
		}
		// A whole screen follows.
		h := newHarness(t)
		h.setUpFirm()
		if got := h.u.profileScreen.catalogue.Text; got != c.catalog {
			t.Errorf("LANG=%s: the profile's button reads %q, want %q", c.env, got, c.catalog)
		}
	}
}

// translationKeys are the sentences the app passes to lang: the literals of lang.L and
// lang.N in gui/, the domain's messages (and those of the server session and the
// keychain, which reach the screen through service.ErrorMessage), the catalogue's
// categories.
func translationKeys(t *testing.T) []string {
	t.Helper()
	keys := map[string]bool{}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	for _, sub := range []string{"keytext/*.go", "widgets/*.go"} {
		more, _ := filepath.Glob(sub)
		files = append(files, more...)
	}
	files = append(files, "../service/messages.go", "../service/lifemessages.go", "../service/tiers.go", "../service/validate.go",
		"../service/serverurl.go", "../service/keychain/keychain.go")
	remote, _ := filepath.Glob("../service/remote/*.go")
	files = append(files, remote...)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || len(n.Args) == 0 {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" || (sel.Sel.Name != "L" && sel.Sel.Name != "N") {
					return true
				}
				if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					keys[s] = true
				}
			case *ast.ValueSpec: // the Msg… constants that are not yet codes of the message catalogue
				for i, name := range n.Names {
					if strings.HasPrefix(name.Name, "Msg") && i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok {
							if s, _ := strconv.Unquote(lit.Value); !msg.Has(msg.Code(s)) {
								keys[s] = true
							}
						}
					}
				}
			}
			return true
		})
	}
	for _, c := range keyColumns {
		if c.title != "" {
			keys[c.title] = true
		}
	}
	def, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range def.Categories {
		keys[c] = true
	}
	for _, e := range def.Entries { // the catalogue's descriptions, in both languages
		keys[e.Description] = true
	}
	var out []string
	for k := range keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestEveryStringHasItsTranslations(t *testing.T) {
	keys := translationKeys(t)
	if len(keys) < 60 {
		t.Fatalf("found only %d strings to translate", len(keys))
	}
	for _, file := range []string{"en", "fr"} {
		data, err := assets.Translations.ReadFile("translations/" + file + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", file, err)
		}
		for _, k := range keys {
			v, ok := m[k]
			if !ok {
				t.Errorf("%s.json lacks %q", file, k)
				continue
			}
			if s, ok := v.(string); ok && file == "fr" && s != k {
				t.Errorf("fr.json translates %q to %q; French strings are their own keys", k, s)
			}
		}
		for k := range m {
			if !slices.Contains(keys, k) {
				t.Errorf("%s.json has %q, which nothing uses", file, k)
			}
		}
	}
}
