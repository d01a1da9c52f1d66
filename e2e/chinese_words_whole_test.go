package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Chinese breaks a line between any two characters; with real fonts it
// broke words apart: the Scan to Link page's "扫描此二 ⏎ 维码" (QR code) at
// 320 px and the sign-up page's "一键 ⏎ 支付。" (one-click pay) at 390 px.
// Both read whole, at 320 and 390 px, in Simplified and Traditional
// Chinese, and no line begins with the mark that closes them.
func TestChineseWordsStayWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "zh-words@example.com")
	startLinking(b, "KAKAOPAY")
	var link string
	b.run(chromedp.Location(&link))
	link = strings.TrimPrefix(link, srv.URL)
	guest := newBrowser(t, srv.URL)
	words := map[string][]string{"zh-Hans": {"二维码", "一键支付"}, "zh-Hant": {"二維碼", "一按即付"}}
	for _, code := range []string{"zh-Hans", "zh-Hant"} {
		b.visit(link)
		b.switchTo(code)
		guest.visit("/signup")
		guest.switchTo(code)
		for _, width := range []int64{320, 390} {
			for _, br := range []*browser{b, guest} {
				br.viewport(width, 700, true)
			}
			b.visit(link)
			seen := b.wordsOnOneLine(words[code][:1])
			guest.visit("/signup")
			seen += guest.wordsOnOneLine(words[code][1:])
			if seen < 2 {
				t.Fatalf("%d px, %s: %q seen %d times, want 2 or more", width, code, words[code], seen)
			}
			for _, c := range []struct {
				br  *browser
				sel string
			}{{b, "[data-testid=link-headline]"}, {guest, "main p.lead"}} {
				for i, line := range c.br.linesOf(c.sel) {
					if i > 0 && strings.ContainsRune(closingPunctuation, []rune(line)[0]) {
						t.Errorf("%d px, %s %s: line %d starts with a closing mark: %q", width, code, c.sel, i+1, line)
					}
				}
			}
		}
	}
}
