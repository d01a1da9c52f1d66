package views

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/a-h/templ/parser/v2"
)

// buyerTemplates are the templates of buyer pages: every one but the
// admin's, which stays in English.
func buyerTemplates(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.templ")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasPrefix(f, "admin_") {
			out = append(out, f)
		}
	}
	if len(out) < 8 {
		t.Fatalf("found only %v", out)
	}
	return out
}

// humanAttrs are the attributes a person reads or hears.
var humanAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true, "label": true}

var (
	capitalised = regexp.MustCompile(`^\s*[A-Z][a-z]`)
	wordToken   = regexp.MustCompile(`^[A-Za-z]+[.,:;!?]?$`)
)

// isWords tells words meant for people from the other strings a template
// holds (message IDs, classes, test ids, paths, states): a capitalised
// word, or two or more plain words in a row.
func isWords(s string) bool {
	if capitalised.MatchString(s) {
		return true
	}
	tokens := strings.Fields(s)
	if len(tokens) < 2 {
		return false
	}
	for _, tok := range tokens {
		if !wordToken.MatchString(tok) {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// TestBuyerTemplatesHaveNoWords: a buyer template says every word through
// T (package lang's catalogs): no text of its own, no words in the
// attributes people read, no words in Go strings it shows. Without this,
// a word added in English only would reach buyers of every language.
func TestBuyerTemplatesHaveNoWords(t *testing.T) {
	for _, file := range buyerTemplates(t) {
		tf, err := parser.Parse(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		w := wordsWalker{t: t, file: file}
		for _, n := range tf.Nodes {
			if h, ok := n.(*parser.HTMLTemplate); ok {
				w.nodes(h.Children)
			}
		}
	}
}

// The checker finds what it must: words in text, attributes and Go
// strings, and lets message IDs, classes and args through.
func TestWordsWalkerFindsWords(t *testing.T) {
	src := `package views

templ x(m Page) {
	<p>Hello there</p>
	<img alt="A picture" src="/a.png"/>
	<button aria-label={ "Buy " + m.Title }>{ T(ctx, "shop.buy") }</button>
	if m.Sandbox {
		{ m.Title + " in a few seconds" }
	}
	<p class="status status-ok" data-show="PENDING AUTHORIZED">{ T(ctx, "link.title", lang.Args{"Wallet": m.Title}) }</p>
	@sentenceLink("auth.have_account", templ.SafeURL("/signin"), "auth.signin")
}
`
	tf, err := parser.ParseString(src)
	if err != nil {
		t.Fatal(err)
	}
	rec := &testing.T{}
	w := wordsWalker{t: rec, file: "x.templ"}
	for _, n := range tf.Nodes {
		if h, ok := n.(*parser.HTMLTemplate); ok {
			w.nodes(h.Children)
		}
	}
	if w.found != 4 {
		t.Errorf("found %d words, want 4 (text, alt, aria-label, a Go string)", w.found)
	}
}

type wordsWalker struct {
	t     *testing.T
	file  string
	found int
}

func (w *wordsWalker) report(what, s string) {
	w.found++
	w.t.Errorf("%s: %s %q is not said through T (add it to lang/catalog/*.toml)", w.file, what, strings.TrimSpace(s))
}

func (w *wordsWalker) nodes(ns []parser.Node) {
	for _, n := range ns {
		switch n := n.(type) {
		case *parser.Text:
			if hasLetter(n.Value) {
				w.report("text", n.Value)
			}
		case *parser.Element:
			w.attrs(n.Attributes)
			w.nodes(n.Children)
		case *parser.StringExpression:
			w.goExpr(n.Expression.Value)
		case *parser.GoCode:
			w.goExpr("func() {" + n.Expression.Value + "}")
		case *parser.TemplElementExpression:
			w.goExpr(n.Expression.Value)
			w.nodes(n.Children)
		case *parser.CallTemplateExpression:
			w.goExpr(n.Expression.Value)
		case *parser.IfExpression:
			w.nodes(n.Then)
			for _, e := range n.ElseIfs {
				w.nodes(e.Then)
			}
			w.nodes(n.Else)
		case *parser.SwitchExpression:
			for _, c := range n.Cases {
				w.nodes(c.Children)
			}
		case *parser.ForExpression:
			w.nodes(n.Children)
		}
	}
}

func (w *wordsWalker) attrs(as []parser.Attribute) {
	for _, a := range as {
		switch a := a.(type) {
		case *parser.ConstantAttribute:
			if humanAttrs[a.Key.String()] && hasLetter(a.Value) {
				w.report(a.Key.String(), a.Value)
			}
		case *parser.ExpressionAttribute:
			w.goExpr(a.Expression.Value)
		case *parser.ConditionalAttribute:
			w.attrs(a.Then)
			w.attrs(a.Else)
		}
	}
}

// goExpr reports the Go strings of an expression that are words; the
// keys of composite literals (lang.Args{"Wallet": …}) are names, not words.
func (w *wordsWalker) goExpr(src string) {
	e, err := goparser.ParseExpr(src)
	if err != nil { // a list, as class={ "btn", templ.KV(…) } takes
		e, err = goparser.ParseExpr("[]any{" + src + "}")
	}
	if err != nil {
		w.t.Errorf("%s: cannot read %q: %v", w.file, src, err)
		return
	}
	keys := map[ast.Expr]bool{}
	ast.Inspect(e, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			keys[kv.Key] = true
		}
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || keys[lit] {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && isWords(s) {
			w.report("Go string", s)
		}
		return true
	})
}
