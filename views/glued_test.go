package views

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"antom-checkout/lang"
)

// The signed-in sentence's full stop goes with the email, and so does
// Korean's particle written on it ("(으)로": it began a line of its own);
// words after a space (Thai's, Chinese's) stay words of their own.
func TestGluedPartsTakeOnlyClosingPunctuation(t *testing.T) {
	for code, want := range map[string][2]string{
		"en":      {".", ""},
		"zh-Hans": {"", " 的身份登录。"},
		"ko":      {"(으)로", " 로그인되어 있습니다."},
		"th":      {"", " อยู่แล้ว"},
	} {
		l, ok := lang.ByCode(code)
		if !ok {
			t.Fatalf("no language %s", code)
		}
		parts, glue := signedInParts(lang.WithLocalizer(t.Context(), lang.For(l)))
		after := parts[len(parts)-1].Words
		if parts[len(parts)-1].Link != 0 {
			after = ""
		}
		if glue != want[0] || after != want[1] {
			t.Errorf("%s: glue %q, then %q; want %q, then %q", code, glue, after, want[0], want[1])
		}
	}
}

// Every buyer sentence with a link, in every language, keeps the
// punctuation touching its link with the link (glueLinks): no words
// after a link start with closing punctuation ("。", ".", ")"), none
// before one end with an opening bracket, and no text is lost.
func TestEveryLinkKeepsItsPunctuation(t *testing.T) {
	closing := func(r rune) bool { return unicode.In(r, unicode.Po, unicode.Pe, unicode.Pf) }
	opening := func(r rune) bool { return unicode.In(r, unicode.Ps, unicode.Pi) }
	glued := 0
	for _, l := range lang.Languages {
		c, err := lang.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for id, words := range c {
			if !strings.Contains(words, "{{.Link}}") {
				continue
			}
			said := lang.For(l).T(id, lang.Args{"Link": linkMarks[0], "Link2": linkMarks[1], "Amount": "$1.00", "Email": "a@b.example"})
			cut := cutSentence(said)
			parts := glueLinks(cut)
			var before, after strings.Builder
			for _, p := range cut {
				before.WriteString(p.Words)
			}
			for i, p := range parts {
				after.WriteString(p.Lead + p.Words + p.Trail)
				if p.Link == 0 {
					continue
				}
				if p.Lead+p.Trail != "" {
					glued++
				}
				if i+1 < len(parts) && parts[i+1].Link == 0 {
					if r, _ := utf8.DecodeRuneInString(parts[i+1].Words); closing(r) {
						t.Errorf("%s %s: %q starts after its link", l.Code, id, parts[i+1].Words)
					}
				}
				if i > 0 && parts[i-1].Link == 0 {
					if r, _ := utf8.DecodeLastRuneInString(parts[i-1].Words); opening(r) || unicode.Is(unicode.Hangul, r) {
						t.Errorf("%s %s: %q ends before its link", l.Code, id, parts[i-1].Words)
					}
				}
				if i+1 < len(parts) && parts[i+1].Link == 0 {
					if r, _ := utf8.DecodeRuneInString(parts[i+1].Words); unicode.Is(unicode.Hangul, r) {
						t.Errorf("%s %s: %q starts after its link", l.Code, id, parts[i+1].Words)
					}
				}
			}
			if before.String() != after.String() {
				t.Errorf("%s %s: glued %q, was %q", l.Code, id, after.String(), before.String())
			}
		}
	}
	if glued == 0 {
		t.Fatal("no link glued to its punctuation in any sentence")
	}
}

// A sentence's link and its punctuation render in one .glued span; the
// shop's contact, kept whole, too: "help@demo-shop.example。" in
// Chinese, Korean's "상점(…)에" — the word the bracket is written onto
// too ("상점 ⏎ (help@…)에" at 320 px).
func TestLinksRenderGluedToTheirPunctuation(t *testing.T) {
	for code, want := range map[string]string{
		"zh-Hans": `<span class="glued"><a class="contact-link whole" href="mailto:help@demo-shop.example" data-testid="contact-link"><span>help</span><wbr><span>@demo-shop.example</span></a>。</span>`,
		"ko":      `<span class="glued worded">상점<span class="glued">(<a class="contact-link whole" href="mailto:help@demo-shop.example" data-testid="contact-link"><span>help</span><wbr><span>@demo-shop.example</span></a>)에</span></span>`,
		"en":      `<span class="glued"><a class="contact-link whole" href="mailto:help@demo-shop.example" data-testid="contact-link"><span>help</span><wbr><span>@demo-shop.example</span></a>.</span>`,
	} {
		l, _ := lang.ByCode(code)
		var b strings.Builder
		ctx := lang.WithLocalizer(t.Context(), lang.For(l))
		if err := contactSentence("result.refund_handled_contact", "help@demo-shop.example", lang.Args{"Amount": "$5.00"}).Render(ctx, &b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: %s\nwant it to hold %s", code, b.String(), want)
		}
	}
	l, _ := lang.ByCode("zh-Hans")
	var b strings.Builder
	if err := sentenceLink("orders.none", "/", "orders.visit_shop").Render(lang.WithLocalizer(t.Context(), lang.For(l)), &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<span class="glued"><a href="/">`) || !strings.HasSuffix(b.String(), "</a>。</span>") {
		t.Errorf("zh-Hans link to the shop: %s", b.String())
	}
}
