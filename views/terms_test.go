package views

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"antom-checkout/lang"
)

// Every buyer page, in every state its template shows, in each language
// with words a line must not break inside (lang.Language.Whole: Thai's
// "แซนด์บ็อกซ์", Malay's "e-dompet"), shows each of them in a box of its
// own (span.term, kept on one line by app.css) wherever the page's words
// hold it — headings, buttons, notices, sentences alike. The document's
// <title> (no markup there) and attributes (alt, read out whole) are not
// lines of the page.
func TestWholeWordsBoxedOnEveryBuyerPage(t *testing.T) {
	seen := 0
	for _, l := range lang.Languages {
		if len(l.Whole()) == 0 {
			continue
		}
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		for name, comp := range buyerPages(loc) {
			var buf bytes.Buffer
			if err := comp.Render(ctx, &buf); err != nil {
				t.Fatalf("%s %s: %v", l.Code, name, err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			seen += boxedWords(t, l.Code+" "+name, d.Find("body"), l.Whole())
		}
	}
	if seen == 0 {
		t.Fatal("no boxed word on any page: the test checks nothing")
	}
}

// boxedWords fails t for each of whole's words in a text node under in
// that is not the whole text of a span.term, and counts those that are. A
// <noscript>'s text (markup, to a parser that runs scripts) is read as
// the HTML a browser without scripts shows.
func boxedWords(t *testing.T, where string, in *goquery.Selection, whole []string) int {
	t.Helper()
	seen := 0
	in.Find("*").Contents().Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		switch {
		case n.Type != html.TextNode:
		case s.Parent().Is("noscript"):
			d, err := goquery.NewDocumentFromReader(strings.NewReader(n.Data))
			if err != nil {
				t.Fatal(err)
			}
			seen += boxedWords(t, where+" <noscript>", d.Find("body"), whole)
		case s.Parent().Is("span.term") && boxes(n.Data, whole):
			seen++
		default:
			for _, w := range whole {
				if strings.Contains(n.Data, w) {
					t.Errorf("%s: %q not in a box of its own in %q", where, w, strings.TrimSpace(n.Data))
				}
			}
		}
	})
	return seen
}

// boxes reports whether a box's text is one of whole's words, with what
// no-break spaces join to it and the closing marks after it (gluedAfter:
// "โทโคนาเมะ\u00a0×\u00a01", "二维码。").
func boxes(text string, whole []string) bool {
	return !strings.Contains(text, " ") && slices.ContainsFunc(whole, func(w string) bool {
		return text == w || strings.Contains(text, w) && (strings.Contains(text, noBreak) || strings.ContainsAny(text, closingMarks))
	})
}

// writeWhole boxes each occurrence of each word, the earliest first, the
// text then in one span (one flex item in a button), and writes text
// with none as it is.
func TestWriteTermsBoxesEachOccurrence(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Pautkan e-dompet", `<span class="terms">Pautkan <span class="term">e-dompet</span></span>`},
		{"E-dompet ini, e-dompet itu.", `<span class="terms"><span class="term">E-dompet</span> ini, <span class="term">e-dompet</span> itu.</span>`},
		{"Bayar &amp; e-dompet", `<span class="terms">Bayar &amp; <span class="term">e-dompet</span></span>`},
		{"Tiada apa-apa", "Tiada apa-apa"},
		// What a no-break space joins to a word goes in its box: the line
		// breaks beside a box whatever joins them.
		{"Beli 2\u00a0×\u00a0e-dompet baru", "<span class=\"terms\">Beli <span class=\"term\">2\u00a0×\u00a0e-dompet</span> baru</span>"},
		{"扫描此e-dompet。请", "<span class=\"terms\">扫描此<span class=\"term\">e-dompet。</span>请</span>"},
		{"baru e-dompet\u00a0×\u00a01", "<span class=\"terms\">baru <span class=\"term\">e-dompet\u00a0×\u00a01</span></span>"},
	} {
		var b strings.Builder
		if err := writeWhole(&b, tc.in, []string{"e-dompet", "E-dompet"}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("writeTerms(%q) = %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

// The words a fresh user's trial saw broken at a line's end, each boxed
// wherever a buyer page shows it: Thai's "ชำระ|เงิน" (the sandbox banner,
// on every page), "ส่ง|คืน" (a refund on its way) and "เคลื่อน|ย้าย";
// English's "e-|wallet" at its hyphen, and so Malay's "e-|mel" (email);
// the test payment's yen figures on the Korean storefront ("JP¥…|91"),
// as every language writes them, with its prices' yen symbol ("(¥…91"
// where a parenthesis opens before it, Korean's range "JP¥…91~JP¥…94)",
// Chinese's "JP¥…94）"). Each must be on some page, so the test looks at
// something.
func TestTrialWordsBoxedOnEveryBuyerPage(t *testing.T) {
	want := map[string][]string{
		"th": {"ชำระเงิน", "ส่งคืน", "เคลื่อนย้าย"},
		"en": {"e-wallet"},
		"ms": {"e-mel", "E-mel"},
	}
	yens := map[string]string{}
	for _, l := range lang.Languages {
		yen := lang.For(l).Symbol("JPY")
		yens[l.Code] = yen
		want[l.Code] = append(want[l.Code], yen+"…91", yen+"…94")
	}
	for code, words := range want {
		l, _ := lang.ByCode(code)
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		for _, w := range words {
			seen := 0
			for name, comp := range buyerPages(loc) {
				var buf bytes.Buffer
				if err := comp.Render(ctx, &buf); err != nil {
					t.Fatalf("%s %s: %v", code, name, err)
				}
				d, err := goquery.NewDocumentFromReader(&buf)
				if err != nil {
					t.Fatal(err)
				}
				spellings := []string{w}
				switch yen := yens[code]; w {
				case yen + "…91": // with the parenthesis a catalog opens before it, or Korean's range
					spellings = append(spellings, "("+yen+"…91", yen+"…91~"+yen+"…94)")
				case yen + "…94": // with Chinese's bracket after it, or in Korean's range
					spellings = append(spellings, yen+"…94）", yen+"…91~"+yen+"…94)")
				}
				seen += boxedWords(t, code+" "+name, d.Find("body"), spellings)
			}
			if seen == 0 {
				t.Errorf("%s: %q boxed on no page", code, w)
			}
		}
	}
}
