// Package langtest checks that a rendered buyer page speaks one language:
// its <html lang> and every word a person reads or hears on it.
package langtest

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"antom-checkout/lang"
)

var (
	wordRE  = regexp.MustCompile(`[A-Za-z]+(?:'[A-Za-z]+)?`)
	fieldRE = regexp.MustCompile(`\{\{[^}]*\}\}`)

	vocabOnce sync.Once
	vocab     map[string]map[string]bool // language code → lower-case Latin words of its catalog
)

// words returns the Latin words of s, two letters or more, in lower
// case. Words in capitals are codes, not words (US$, QR, UTC, VISA).
func words(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(s, -1) {
		if len(w) >= 2 && w != strings.ToUpper(w) {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// loadVocab reads each language's words from its catalog: those of its
// messages that are not English's words (an untranslated copy would hide
// itself), and of those it writes as English does on purpose.
func loadVocab() {
	vocab = map[string]map[string]bool{}
	en, err := lang.Catalog(lang.English)
	if err != nil {
		panic(err)
	}
	for _, l := range lang.Languages {
		c, err := lang.Catalog(l)
		if err != nil {
			panic(err)
		}
		same, err := lang.SameOnPurpose(l)
		if err != nil {
			panic(err)
		}
		v := map[string]bool{}
		for id, msg := range c {
			if l != lang.English && msg == en[id] && !same[id] && !lang.Pattern(id) {
				continue
			}
			for _, w := range words(fieldRE.ReplaceAllString(msg, " ")) {
				v[w] = true
			}
		}
		vocab[l.Code] = v
	}
}

// Visible is the text of a page a person reads or hears: text nodes and
// the alt, title, aria-label and placeholder attributes, leaving out
// scripts, data shown in a monospace face (order refs, codes, ids:
// class "mono") and anything marked as another language with a lang
// attribute of its own (the language switcher's names).
func Visible(doc *goquery.Document, code string) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, s)
			}
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			if n.Data == "noscript" {
				// Parsed as for a browser with scripts on, its content is
				// one text node of markup: read as a browser without
				// scripts reads it (its words, not a <link>'s "link").
				for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
					if ch.Type != html.TextNode {
						walk(ch)
						continue
					}
					inner, err := html.ParseFragment(strings.NewReader(ch.Data), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
					if err != nil {
						out = append(out, ch.Data)
						continue
					}
					for _, in := range inner {
						walk(in)
					}
				}
				return
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "lang" && a.Val != code && n.Data != "html":
					return
				case a.Key == "class" && slices.Contains(strings.Fields(a.Val), "mono"):
					return
				}
			}
			for _, a := range n.Attr {
				if a.Key == "alt" || a.Key == "title" || a.Key == "aria-label" || a.Key == "placeholder" {
					if s := strings.TrimSpace(a.Val); s != "" {
						out = append(out, s)
					}
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return out
}

// Foreign returns the English words of a page in language code: words of
// the English catalog that code's own catalog never uses, and that are
// not in allow (names on the page: wallet brands, the shop's name,
// e-mail addresses). A page with none speaks its language throughout.
func Foreign(doc *goquery.Document, code string, allow ...string) []string {
	vocabOnce.Do(loadVocab)
	if code == lang.English.Code {
		return nil
	}
	allowed := map[string]bool{}
	for _, a := range allow {
		for _, w := range words(a) {
			allowed[w] = true
		}
	}
	var found []string
	for _, text := range Visible(doc, code) {
		for _, w := range words(text) {
			if vocab[lang.English.Code][w] && !vocab[code][w] && !allowed[w] {
				found = append(found, w+" (in "+strconvQuote(text)+")")
			}
		}
	}
	return found
}

func strconvQuote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return `"` + s + `"`
}

// Check fails t unless the page is in language code: <html lang="code">
// and no English word (Foreign) left on it.
func Check(t testing.TB, page, code string, allow ...string) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := doc.Find("html").Attr("lang"); got != code {
		t.Errorf("<html lang=%q>, want %q", got, code)
	}
	if f := Foreign(doc, code, allow...); len(f) > 0 {
		t.Errorf("%s page has English words: %s", code, strings.Join(f, "; "))
	}
}
