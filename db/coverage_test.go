package db_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// Every exported query has a test here that runs it on both backends: a
// query added without one fails this test.
func TestEveryQueryIsTested(t *testing.T) {
	fset := token.NewFileSet()
	var sources []*ast.File
	var tests strings.Builder
	entries, err := os.ReadDir(".")
	check(t, err)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "coverage_test.go" || !strings.HasSuffix(name, ".go"):
		case strings.HasSuffix(name, "_test.go"):
			b, err := os.ReadFile(name)
			check(t, err)
			tests.Write(b)
		default:
			f, err := parser.ParseFile(fset, name, nil, 0)
			check(t, err)
			sources = append(sources, f)
		}
	}
	calls := tests.String()
	n := 0
	for _, f := range sources {
		for _, decl := range f.Decls {
			fn, isFunc := decl.(*ast.FuncDecl)
			if !isFunc || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, isPtr := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !isPtr || star.X.(*ast.Ident).Name != "Queries" {
				continue
			}
			n++
			if !strings.Contains(calls, "."+fn.Name.Name+"(") {
				t.Errorf("Queries.%s is not called by any test in db/", fn.Name.Name)
			}
		}
	}
	if n < 90 {
		t.Errorf("found only %d queries: is the parse looking at db/?", n)
	}
}
