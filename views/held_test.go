package views

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"antom-checkout/lang"
)

// A Chinese date and a Korean particle written in both forms are held
// whole by markup — a nowrap span (.held) — on every buyer page that
// says them, and the pages' text holds no invisible word joiner (U+2060),
// which a buyer who copied a date or a sentence copied too. zh-Hant's
// "扣款" (charge) is boxed whole wherever it is said.
func TestDatesAndParticlesHeldByMarkupNotJoiners(t *testing.T) {
	date := regexp.MustCompile(`[0-9]+年[0-9]+月[0-9]+日`)
	particle := regexp.MustCompile(`.(을\(를\)|이\(가\)|은\(는\)|과\(와\)|와\(과\)|\(으\)로)`)
	for code, want := range map[string]*regexp.Regexp{"zh-Hans": date, "zh-Hant": date, "ko": particle} {
		l, _ := lang.ByCode(code)
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		held, charged := 0, 0
		for name, comp := range buyerPages(loc) {
			var buf bytes.Buffer
			if err := comp.Render(ctx, &buf); err != nil {
				t.Fatalf("%s %s: %v", code, name, err)
			}
			if strings.ContainsRune(buf.String(), '\u2060') {
				t.Errorf("%s %s: an invisible word joiner (U+2060) in the page", code, name)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			d.Find("body *").Contents().Each(func(_ int, s *goquery.Selection) {
				n := s.Get(0)
				if n.Type != html.TextNode || s.Parent().Is("script, noscript") {
					return
				}
				if s.Parent().Is("span.held") {
					if want.FindString(n.Data) == n.Data {
						held++
					}
					return
				}
				if bad := want.FindString(n.Data); bad != "" {
					t.Errorf("%s %s: %q not held in %q", code, name, bad, strings.TrimSpace(n.Data))
				}
			})
			if code == "zh-Hant" {
				charged += boxedWords(t, code+" "+name, d.Find("body"), []string{"扣款"})
			}
		}
		if held == 0 && code != "ko" { // no fixture page says a particle in both forms: words' own, below
			t.Errorf("%s: nothing held on any page", code)
		}
		if code == "zh-Hant" && charged == 0 {
			t.Errorf("zh-Hant: 扣款 boxed on no page")
		}
	}
}

// words holds a Korean particle written in both forms with the character
// before it, inside an HTML entity never: "O&#39;Neil" stays one.
func TestWordsHoldAKoreanParticle(t *testing.T) {
	ko, _ := lang.ByCode("ko")
	ctx := lang.WithLocalizer(context.Background(), lang.For(ko))
	var b strings.Builder
	if err := words("ana@example.com(으)로 로그인, O'Neil을(를) 확인").Render(ctx, &b); err != nil {
		t.Fatal(err)
	}
	want := `<span class="terms">ana@example.co<span class="held">m(으)로</span> 로그인, O&#39;Nei<span class="held">l을(를)</span> 확인</span>`
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
