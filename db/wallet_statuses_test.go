package db_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/db"
)

// WalletStatuses names every wallet status constant of wallets.go (each
// Wallet… string constant), once: a status added there and not to the
// list fails here, and checkout's rules by status are tested against the
// list.
func TestWalletStatusesNameEveryStatus(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "wallets.go", nil, 0)
	check(t, err)
	var consts []string
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			for i, name := range v.Names {
				if !strings.HasPrefix(name.Name, "Wallet") || i >= len(v.Values) {
					continue
				}
				if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					check(t, err)
					consts = append(consts, s)
				}
			}
		}
	}
	listed := db.WalletStatuses()
	if len(consts) == 0 {
		t.Fatal("no Wallet… status constants found in wallets.go")
	}
	slices.Sort(consts)
	sorted := slices.Sorted(slices.Values(listed))
	eq(t, sorted, consts, "the statuses listed, against the constants")
	eq(t, len(slices.Compact(sorted)), len(listed), "each listed once")
}
