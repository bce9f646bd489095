package msg

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// typedPackage is one package of the module, type-checked: what its expressions are
// and which functions its calls name. Only the files the build of this platform
// compiles are in it; moduleFiles' syntax-only checks read the others too.
type typedPackage struct {
	path  string // import path
	rel   string // folder from the module's root
	fset  *token.FileSet
	files []*ast.File
	info  *types.Info
}

var (
	typedOnce sync.Once
	typed     []typedPackage
	typedErr  error
)

// typedPackages type-checks every package of the module but service/msg and the
// packages of notShown and pending, importing their dependencies from the export
// data that `go list -export` builds.
func typedPackages(t *testing.T) []typedPackage {
	t.Helper()
	typedOnce.Do(func() { typed, typedErr = loadTyped() })
	if typedErr != nil {
		t.Fatal(typedErr)
	}
	if len(typed) < 20 {
		t.Fatalf("type-checked only %d packages", len(typed))
	}
	return typed
}

// listedPackage is what `go list -json` says of a package.
type listedPackage struct {
	ImportPath, Dir, Export string
	GoFiles                 []string
}

func loadTyped() ([]typedPackage, error) {
	root, err := filepath.Abs("../..")
	if err != nil {
		return nil, err
	}
	all, err := goList(root, "sesame/...")
	if err != nil {
		return nil, err
	}
	var wanted []listedPackage
	var paths []string
	for _, p := range all {
		rel, _ := filepath.Rel(root, p.Dir)
		rel = filepath.ToSlash(rel)
		if _, ok := under(notShown, rel+"/"); ok || rel == "service/msg" || len(p.GoFiles) == 0 {
			continue
		}
		if _, ok := under(pending, rel+"/"); ok {
			continue
		}
		wanted = append(wanted, p)
		paths = append(paths, p.ImportPath)
	}
	deps, err := goList(root, append([]string{"-export", "-deps"}, paths...)...)
	if err != nil {
		return nil, err
	}
	exports := map[string]string{}
	for _, d := range deps {
		exports[d.ImportPath] = d.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, errors.New("no export data for " + path)
		}
		return os.Open(exports[path])
	})
	var out []typedPackage
	for _, p := range wanted {
		rel, _ := filepath.Rel(root, p.Dir)
		tp := typedPackage{path: p.ImportPath, rel: filepath.ToSlash(rel), fset: fset, info: &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{},
			Uses:  map[*ast.Ident]types.Object{},
		}}
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			tp.files = append(tp.files, f)
		}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(p.ImportPath, fset, tp.files, tp.info); err != nil {
			return nil, err
		}
		out = append(out, tp)
	}
	return out, nil
}

// goList runs go list -json in the module's root and decodes its packages.
func goList(root string, args ...string) ([]listedPackage, error) {
	cmd := exec.Command("go", append([]string{"list", "-json=ImportPath,Dir,Export,GoFiles"}, args...)...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, errors.New("go list: " + err.Error() + ": " + stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// isCode reports whether t is this package's Code.
func isCode(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sesame/service/msg" && n.Obj().Name() == "Code"
}

// typedCodes are the string literals that the type checker gives the type msg.Code:
// in a constant or variable of that type, a conversion, or written untyped where a
// parameter, a field or a map of msg.Code expects one (service.Errorf(…, "…", nil)).
func typedCodes(pkgs []typedPackage) map[Code][]string {
	used := map[Code][]string{}
	for _, p := range pkgs {
		for _, f := range p.files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				tv := p.info.Types[lit]
				if isCode(tv.Type) && tv.Value != nil && tv.Value.Kind() == constant.String {
					c := Code(constant.StringVal(tv.Value))
					used[c] = append(used[c], p.fset.Position(lit.Pos()).String())
				}
				return true
			})
		}
	}
	return used
}

// calleeName is the full name of the function or method a call names
// ("fmt.Fprintf", "(net/http.ResponseWriter).Write"), "" for none.
func calleeName(info *types.Info, call *ast.CallExpr) (string, *types.Func) {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return "", nil
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok {
		return "", nil
	}
	return fn.FullName(), fn
}

// isResponseWriter reports whether an expression is an HTTP answer's body.
func isResponseWriter(info *types.Info, e ast.Expr) bool {
	t := info.Types[e].Type
	if t == nil {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "ResponseWriter" {
		return true
	}
	return strings.Contains(t.String(), "net/http.ResponseWriter")
}

// userArgs are the arguments of a call whose text a user reads: what the command
// line prints or returns as its error (every fmt print, fmt.Errorf, errors.New and
// printf-like helper of a cmd/ package) and what an HTTP answer's body says
// (http.Error, fmt.Fprint* or io.WriteString to a ResponseWriter, its Write).
func userArgs(p typedPackage, call *ast.CallExpr) []ast.Expr {
	name, fn := calleeName(p.info, call)
	cmd := strings.HasPrefix(p.rel, "cmd/")
	switch name {
	case "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "io.WriteString":
		if len(call.Args) > 1 && (cmd || isResponseWriter(p.info, call.Args[0])) {
			return call.Args[1:]
		}
		return nil
	case "fmt.Errorf", "errors.New", "fmt.Sprint", "fmt.Sprintf", "fmt.Sprintln", "fmt.Print", "fmt.Printf", "fmt.Println":
		if cmd {
			return call.Args
		}
		return nil
	case "net/http.Error":
		return call.Args[1:2]
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn != nil && fn.Name() == "Write" && isResponseWriter(p.info, sel.X) {
		return call.Args
	}
	// A printf-like helper of the command line (usagef): its format is printed.
	if sig, ok := fnSignature(fn); ok && cmd && fn.Pkg() != nil && fn.Pkg().Path() == p.path {
		for i := range sig.Params().Len() {
			if sig.Params().At(i).Name() == "format" && i < len(call.Args) {
				return call.Args[i : i+1]
			}
		}
	}
	return nil
}

func fnSignature(fn *types.Func) (*types.Signature, bool) {
	if fn == nil {
		return nil, false
	}
	sig, ok := fn.Type().(*types.Signature)
	return sig, ok
}
