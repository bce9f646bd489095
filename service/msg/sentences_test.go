package msg

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// notShown are the packages whose sentences stay out of the catalogue, and why.
var notShown = map[string]string{
	"cmd/sesame-load":               "a benchmark for developers, in English",
	"cmd/sesame-fill":               "fills a database with made-up French names for benchmarks",
	"bench":                         "benchmarks for developers",
	"docs":                          "examples for the gateways' documentation",
	"test":                          "end-to-end tests: their French is what they expect to read",
	"installer":                     "builds the Windows installer, whose texts are fixed French-and-English strings of the .msi",
	"service/store/storetest":       "the stores' conformance suite: its French is test data (key and firm names)",
	"service/store/postgres/pgtest": "test helpers",
	"service/httpserver/servertest": "test helpers: a test server with made-up names, and what the tests expect to read",
}

// pending are the packages whose sentences have not moved to the catalogue yet.
var pending = map[string]bool{}

// frenchWord finds what only a French sentence holds: an accented letter, French
// quotes, or a common French word.
var frenchWord = regexp.MustCompile(`[àâçéèêëîïôùûüÿœÀÂÇÉÈÊËÎÏÔÙÛÜŒ«»’]|(?i)\b(le|la|les|des|du|de|un|une|est|sont|pas|vous|votre|vos|ce|cette|ces|aucun|aucune|entrez|et|ou|sur|pour|dans|avec|mot|passe|clé|nom|jours?)\b`)

// codeShape is the shape of a message code: dotted lower-case words.
var codeShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// templateCode finds the codes a page's template looks up ({{.T "login.heading"}}).
var templateCode = regexp.MustCompile(`\.T "([a-z][a-z0-9_.]*)"`)

// widgetText are the GUI's calls whose text argument a user reads: a word written
// there, even one without accents or spaces, is shown untranslated.
var widgetText = map[string]bool{}

func init() {
	for _, name := range []string{"NewLabel", "NewLabelWithStyle", "NewButton", "NewButtonWithIcon", "SetText",
		"SetPlaceHolder", "NewCheck", "NewHyperlink", "NewMenuItem", "NewMenu", "NewCard", "NewTabItem",
		"NewTabItemWithIcon", "SetTitle", "NewWindow", "ShowInformation", "NewInformation", "NewConfirm", "ShowConfirm"} {
		widgetText[name] = true
	}
}

// hasLetter finds a letter.
var hasLetter = regexp.MustCompile(`\pL`)

// textFuncs take a message code as their first argument.
var textFuncs = map[string]bool{"msg.T": true, "msg.Text": true, "lang.L": true, "lang.N": true, "T": true, "Text": true}

// sourceFile is one Go file of the module (tests and this package left out).
type sourceFile struct {
	rel  string // path from the module's root
	file *ast.File
	fset *token.FileSet
}

func moduleFiles(t *testing.T) []sourceFile {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s", root)
	}
	var out []sourceFile
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || rel == "service/msg" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		out = append(out, sourceFile{rel: filepath.ToSlash(rel), file: f, fset: fset})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d Go files", len(out))
	}
	return out
}

// under reports the entry of m whose package holds rel, "" for none.
func under[V any](m map[string]V, rel string) (string, bool) {
	for dir := range m {
		if strings.HasPrefix(rel, dir+"/") {
			return dir, true
		}
	}
	return "", false
}

// usedCodes are the codes the code names, read from the syntax of every file (those
// of other platforms too): constants of type msg.Code, msg.Code(…) conversions, the
// first argument of the text functions, and the page templates' {{.T "…"}}.
// typedCodes adds what only types tell: an untyped string where a msg.Code is expected.
func usedCodes(files []sourceFile) map[Code][]string {
	used := map[Code][]string{}
	add := func(s string, f sourceFile, pos token.Pos) {
		used[Code(s)] = append(used[Code(s)], f.fset.Position(pos).String())
	}
	for _, f := range files {
		if _, ok := under(pending, f.rel); ok {
			continue
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if isCodeType(n.Type) {
					for _, v := range n.Values {
						if s, ok := stringLit(v); ok {
							add(s, f, v.Pos())
						}
					}
				}
			case *ast.CallExpr:
				if isCodeType(n.Fun) && len(n.Args) == 1 || textFuncs[funcName(n.Fun)] && len(n.Args) > 0 {
					if s, ok := stringLit(n.Args[0]); ok {
						add(s, f, n.Args[0].Pos())
					}
				}
			case *ast.BasicLit:
				if s, ok := stringLit(n); ok {
					for _, m := range templateCode.FindAllStringSubmatch(s, -1) {
						add(m[1], f, n.Pos())
					}
				}
			}
			return true
		})
	}
	return used
}

func isCodeType(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "msg" && sel.Sel.Name == "Code"
}

func funcName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return x.Name + "." + e.Sel.Name
		}
		return e.Sel.Name
	}
	return ""
}

// lastName is the called function's or method's own name.
func lastName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// Every sentence a user reads is a code of the catalogue: a French sentence written
// out in a package's Go code is an error, wherever it is.
func TestNoSentenceOutsideTheCatalogue(t *testing.T) {
	files := moduleFiles(t)
	for _, f := range files {
		if _, ok := under(notShown, f.rel); ok {
			continue
		}
		if _, ok := under(pending, f.rel); ok {
			continue
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			if _, ok := n.(*ast.ImportSpec); ok {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && widgetText[lastName(call.Fun)] {
				for _, a := range call.Args {
					if s, ok := stringLit(a); ok && hasLetter.MatchString(s) && !Has(Code(s)) {
						t.Errorf("%s: %q is shown as it is: give it a code and pass it through lang.L", f.fset.Position(a.Pos()), s)
					}
				}
			}
			s, ok := stringLit(asExpr(n))
			if !ok || Has(Code(s)) {
				return true
			}
			if strings.Contains(strings.TrimSpace(s), " ") && frenchWord.MatchString(s) {
				t.Errorf("%s: %q reads like a sentence for users: give it a code in assets/messages", f.fset.Position(n.Pos()), s)
			}
			return true
		})
	}
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// Every code the code names is in the catalogue (so in French and English: see
// TestFrenchAndEnglishHaveTheSameCodesAndPlaceholders), and every code of the
// catalogue is named somewhere.
func TestEveryCodeUsedExistsAndEveryEntryIsUsed(t *testing.T) {
	files := moduleFiles(t)
	used := usedCodes(files)
	for code, where := range typedCodes(typedPackages(t)) {
		if code != "" { // e.Message == "": a Code's zero value, no code
			used[code] = append(used[code], where...)
		}
	}
	english := map[Code]bool{}
	for _, c := range Codes(English) {
		english[c] = true
	}
	for code, where := range used {
		switch {
		case !Has(code) && codeShape.MatchString(string(code)):
			t.Errorf("%s: code %q is not in the catalogue", where[0], code)
		case !Has(code):
			t.Errorf("%s: %q is not a code of the catalogue", strings.Join(where, ", "), code)
		case !english[code]:
			t.Errorf("%s: code %q is not in en.json", where[0], code)
		}
	}
	literal := map[string]bool{} // any string literal: a code passed untyped counts as used
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if s, ok := stringLit(asExpr(n)); ok {
				literal[s] = true
			}
			return true
		})
	}
	for _, code := range Codes(French) {
		if _, ok := used[code]; !ok && !literal[string(code)] {
			t.Errorf("the catalogue's %q is used nowhere", code)
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d codes in use", len(used))
	}
}

// What a user-facing text may hold outside the catalogue, as it is: the program's
// name, options (--db), printf verbs, addresses and escapes. Any word left over is
// a sentence (or a piece of one: « base %s : %w ») that the catalogue must hold.
var (
	notWords = regexp.MustCompile(`sesame-server|[a-z]+://\S*|[\w./-]*\.(db|json|csv|pem|msi)\b|--?[a-z][a-z0-9-]*|%[-+# 0-9.*]*[a-zA-Z%]|\\[nt]`)
	word     = regexp.MustCompile(`\pL{2,}`)
)

// writtenAsItIs are the texts with words that reach a user as they are, and why
// ("folder/file.go: text").
var writtenAsItIs = map[string]string{
	"cmd/sesame-server/flags.go: help shown":                      "errHelpShown ends a command after its --help; run answers 0 and prints nothing of it",
	"cmd/sesame-server/import.go: store cannot import":            "the cause of an internal error (a store without Import, a bug), shown to the operator after « une erreur inattendue » for a bug report",
	"cmd/sesame-server/store.go: SQLite format 3\x00":             "the first bytes of a SQLite file, read to tell one from another file",
	"cmd/sesame-server/flags.go: flag provided but not defined: ": "the flag package's English, read to put it in French",
	"cmd/sesame-server/flags.go: flag needs an argument: ":        "the flag package's English, read to put it in French",
	"cmd/sesame-server/flags.go: invalid value ":                  "the flag package's English, read to put it in French",
	"cmd/sesame-server/flags.go: invalid boolean value ":          "the flag package's English, read to put it in French",
	"service/httpserver/health.go: ok\n":                          "the liveness probe's body, read by a load balancer, not a person",
	"service/httpserver/respond.go: internal error":               "a value that JSON cannot encode, a bug the tests catch; the answer has no request, so no language, and clients read its status",
}

// Every text written to a user comes from the catalogue: a string constant there
// holds no word, whatever its language. In a cmd/ package that is every string
// constant (it prints, returns as its error, or names a flag's meaning), but for the
// words a user types or a program reads (one identifier: a flag, a parameter's name;
// the command table's names), English logs for operators (log/slog) and
// writtenAsItIs; elsewhere it is an HTTP answer's body (see userArgs). SQL and
// formats with no words are not read.
func TestNoSentenceWrittenToAUserOutsideTheCatalogue(t *testing.T) {
	checked := 0
	var typed map[string]bool
	check := func(p typedPackage, n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		tv := p.info.Types[e]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return true
		}
		checked++
		s := constant.StringVal(tv.Value)
		where := p.rel + "/" + filepath.Base(p.fset.Position(e.Pos()).Filename)
		if isCode(tv.Type) || Has(Code(s)) || writtenAsItIs[where+": "+s] != "" || identifier.MatchString(s) || typed[s] {
			return false
		}
		if word.MatchString(notWords.ReplaceAllString(s, " ")) {
			t.Errorf("%s: %q is written to a user: give it a code in assets/messages", p.fset.Position(e.Pos()), s)
		}
		return false // a constant's parts are the constant
	}
	for _, p := range typedPackages(t) {
		cmd := strings.HasPrefix(p.rel, "cmd/")
		typed = commandNames(p)
		for _, f := range p.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ImportSpec, *ast.BasicLit:
					if _, ok := n.(*ast.BasicLit); ok && cmd {
						return check(p, n)
					}
					return false
				case *ast.Field:
					if n.Tag != nil {
						return false // a struct tag is read by encoders
					}
				case *ast.CallExpr:
					if _, fn := calleeName(p.info, n); fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "log/slog" || fn.Pkg().Path() == "log") {
						return false
					}
					if !cmd {
						for _, a := range userArgs(p, n) {
							ast.Inspect(a, func(n ast.Node) bool { return check(p, n) })
						}
						return true
					}
				}
				if cmd {
					if e, ok := n.(ast.Expr); ok {
						if tv := p.info.Types[e]; tv.Value != nil && tv.Value.Kind() == constant.String {
							if _, lit := e.(*ast.BasicLit); !lit {
								return check(p, n)
							}
						}
					}
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Fatalf("checked only %d texts", checked)
	}
}

// identifier is a text of one word that a user types or a program reads: a flag's
// name, a parameter's, a PEM block's type, an HTTP route.
var identifier = regexp.MustCompile(`^([\pL\pN_.-]*|(GET|POST|PUT|PATCH|DELETE) /[a-z0-9/{}._-]*)$`)

// commandNames are the names of a command table's entries (the first field of a
// composite literal of a type named command): words a user types.
func commandNames(p typedPackage) map[string]bool {
	names := map[string]bool{}
	for _, f := range p.files {
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok || len(cl.Elts) == 0 {
				return true
			}
			if named, ok := p.info.Types[cl].Type.(*types.Named); ok && named.Obj().Name() == "command" {
				if tv := p.info.Types[cl.Elts[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
					names[constant.StringVal(tv.Value)] = true
				}
			}
			return true
		})
	}
	return names
}
