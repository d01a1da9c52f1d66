package views

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"antom-checkout/lang"
)

// inlineTags are the elements a line of text runs through: text on either
// side of one of their tags is one line of words to the reader. Any other
// element (a paragraph, a cell, a list item, a button) starts words of
// its own. <wbr> is a break the template asks for: not checked.
var inlineTags = map[string]bool{"span": true, "a": true, "time": true, "strong": true, "em": true, "b": true,
	"i": true, "small": true, "abbr": true, "code": true, "bdi": true, "mark": true, "data": true}

// gluedAt is where a page's words meet across tags with no space the
// sentence needs: a label and its value ("Quantity" then "1", "주문" then
// "ORD-1", "ผูกเมื่อ" then a date), or a separator and the words after it
// ("·Payments"). A badge (aria-hidden) is a box of its own. Letters of one script written without spaces (Thai,
// Chinese and Japanese) may meet across a
// box (span.term) as the sentence has them, and so may a Korean particle
// written on a value ("0917****123은(는)"); a letter meeting a digit or a
// letter of another script may not, nor two Latin letters. Each is said
// as "left|right" with a few characters either side.
func gluedAt(body *html.Node) []string {
	var glued []string
	var line []rune // the words of the current line, as read
	tagSince := false
	inSentence := true // the tags crossed since the last words sit inside a sentence (span.term, a link)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if n.Parent != nil && (n.Parent.Data == "script" || n.Parent.Data == "style" || n.Parent.Data == "noscript") {
				return
			}
			if n.Data == "" {
				return
			}
			if tagSince && len(line) > 0 {
				a, _ := utf8.DecodeLastRuneInString(string(line))
				b, _ := utf8.DecodeRuneInString(n.Data)
				if needsSpace(a, b) || !inSentence && unicode.Is(unicode.Thai, a) && unicode.Is(unicode.Thai, b) {
					left := string(line[max(0, len(line)-12):])
					right := []rune(n.Data)
					glued = append(glued, fmt.Sprintf("%q", left+"|"+string(right[:min(12, len(right))])))
				}
			}
			line = append(line, []rune(n.Data)...)
			tagSince, inSentence = false, true
			return
		case html.ElementNode:
			if !inlineTags[n.Data] || hidden(n) {
				line, tagSince = nil, false
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				line, tagSince = nil, false
				return
			}
			tagSince, inSentence = true, inSentence && inSentenceTag(n)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			tagSince, inSentence = true, inSentence && inSentenceTag(n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(body)
	return glued
}

// inSentenceTag: a tag Thai words cross inside one sentence, with no
// space: a link written in the sentence (sentenceLink), the span
// that holds a catalog message's words (words: span.terms), a word kept whole
// (span.term) or a link with its punctuation (span.glued). Thai words
// meeting across any other tag (a countdown, a date) are two sentences
// or a word and its value, which Thai parts with a space.
func inSentenceTag(n *html.Node) bool {
	if n.Data == "a" || n.Data == "span" && len(n.Attr) == 0 {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "class" && (a.Val == "term" || a.Val == "terms" || a.Val == "glued") {
			return true
		}
	}
	return false
}

// hidden: a badge beside a name (aria-hidden), a box of its own.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "aria-hidden" && a.Val == "true" {
			return true
		}
	}
	return false
}

// needsSpace: rune a, the last of words, then b, the first of the next,
// across tags, read as one word where the sentence has two.
func needsSpace(a, b rune) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if (a == '·' || a == ':' || a == ',') && word(b) {
		return true
	}
	if b == '·' && word(a) {
		return true
	}
	// A sentence ends and the next begins ("once." then "Expires"): Latin
	// and Thai write a space between; Chinese and Japanese end with 。！？,
	// which need none.
	if (a == '.' || a == '!' || a == '?') && unicode.IsLetter(b) {
		return true
	}
	if !word(a) || !word(b) {
		return false
	}
	if unicode.Is(unicode.Thai, a) && unicode.Is(unicode.Thai, b) || unicode.Is(unicode.Hangul, b) {
		return false
	}
	cjk := func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }
	return !(cjk(a) && cjk(b))
}

// Every buyer page, in every state its template shows, in each language,
// spaces its words where its sentences do: no catalog word in a box meets
// the value, date or words after it (or before it) without the space
// between ("Quantity1", "คำสั่งซื้อORD-1", "ผูกเมื่อ4 มี.ค."), the footer's
// "·" never touches the words after it — templ drops the space a template
// writes between a component (@words, @say) or an expression and an
// element, unless it is written as { " " }.
func TestBuyerPagesSpaceTheirWords(t *testing.T) {
	eachBuyerPage(t, func(what string, doc *html.Node) {
		if glued := gluedAt(doc); len(glued) > 0 {
			t.Errorf("%s: words glued at %s", what, strings.Join(glued, ", "))
		}
	})
}

// eachBuyerPage renders every buyer page (buyerPages) in every language
// and calls check with its language and name ("th checkout") and its
// parsed document.
func eachBuyerPage(t *testing.T, check func(what string, doc *html.Node)) {
	t.Helper()
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		for name, comp := range buyerPages(loc) {
			var buf bytes.Buffer
			if err := comp.Render(ctx, &buf); err != nil {
				t.Fatalf("%s %s: %v", l.Code, name, err)
			}
			doc, err := html.Parse(&buf)
			if err != nil {
				t.Fatal(err)
			}
			check(l.Code+" "+name, doc)
		}
	}
}

// The footer, with the shop's contact, in every language: each "·" keeps
// to the words before it (a no-break space, so no line starts with it)
// and a space after it lets the line break there — "Tea & Co. · Contact
// the shop: help@demo-shop.example · Payments by Antom", never
// "help@demo-shop.example ·Payments" nor a line "·ให้บริการ…".
func TestFooterDotsKeepToTheWordsBefore(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		var buf bytes.Buffer
		p := Page{Title: "t", Merchant: "Tea & Co.", Contact: "help@demo-shop.example"}
		if err := Error(ErrorPage{Page: p, Status: 404, Message: loc.T("error.not_found")}).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		footer := findFooter(doc)
		if footer == nil {
			t.Fatalf("%s: no footer", l.Code)
		}
		if glued := gluedAt(footer); len(glued) > 0 {
			t.Errorf("%s: footer words glued at %s", l.Code, strings.Join(glued, ", "))
		}
		text := nodeText(footer)
		if n := strings.Count(text, "\u00a0· "); n != 2 || strings.Count(text, "·") != 2 {
			t.Errorf("%s: footer %q: want two \"·\", each after a no-break space and before a space", l.Code, text)
		}
		for _, want := range []string{"Tea & Co.", "help@demo-shop.example", loc.T("layout.footer")} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: footer %q does not say %q", l.Code, text, want)
			}
		}
	}
}

// findFooter is the page's <footer>, or nil.
func findFooter(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.Data == "footer" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFooter(c); f != nil {
			return f
		}
	}
	return nil
}

// nodeText is the text under n, as written (its spaces kept).
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

// Chinese writes no space after a full-width sentence end: no buyer page
// shows "。 " (or "！ ", "？ ") where the page joins two sentences — the
// link page's "此二維碼只可使用一次。 1:18 後失效。" had one (gapAfter).
func TestBuyerPagesNoSpaceAfterFullWidthSentenceEnd(t *testing.T) {
	eachBuyerPage(t, func(what string, doc *html.Node) {
		for _, text := range paragraphs(doc) {
			text = strings.Join(strings.Fields(text), " ")
			for _, end := range []string{"。 ", "！ ", "？ "} {
				if strings.Contains(text, end) {
					t.Errorf("%s: a space after a full-width sentence end: %s", what, text)
				}
			}
		}
	})
}

// paragraphs are the texts of n's paragraphs (<p>) and sandbox banner,
// where sentences run on one after the other.
func paragraphs(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div" && strings.Contains(attrOf(n, "class"), "sandbox-banner")) {
			out = append(out, shownText(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// shownText is the text of n's nodes, as written, without scripts and
// styles.
func shownText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
