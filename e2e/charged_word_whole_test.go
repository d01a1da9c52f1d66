package e2e

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
)

// zh-Hant's "扣款" (charge) reads whole at 390×844 and 1280×800 — My
// orders' "已扣款 …", the receipt's lines — never "扣 ⏎ 款" (it broke at
// 390 px); and a Chinese date there (My orders' date, the receipt's
// times) is held by markup, not by invisible word joiners: the pages'
// text, as a buyer copies it, holds no U+2060.
func TestChargedWordWholeInTraditionalChinese(t *testing.T) {
	_, buyer, staff, ref := paidWithStaff(t, "zh-charged@example.com")
	refundFive(staff, "[data-testid=flash]") // My orders then says what was charged: "已扣款 …"
	staff.waitText("[data-testid=order-refunded]", "$5.00")
	buyer.visit("/orders")
	buyer.switchTo("zh-Hant")
	for _, size := range []struct {
		width, height int64
		phone         bool
	}{{1280, 800, false}, {390, 844, true}} {
		buyer.viewport(size.width, size.height, size.phone)
		for _, path := range []string{"/orders", "/orders/" + ref} {
			buyer.visit(path)
			if seen := buyer.wordsOnOneLine([]string{"扣款"}); seen == 0 {
				t.Errorf("%d px %s: 扣款 on no line", size.width, path)
			}
			var text string
			buyer.run(chromedp.Evaluate(`document.body.innerText`, &text))
			if strings.ContainsRune(text, '\u2060') {
				t.Errorf("%d px %s: the page's text holds a word joiner (U+2060)", size.width, path)
			}
			if !strings.Contains(text, "年") {
				t.Errorf("%d px %s: no Chinese date on the page", size.width, path)
			}
			date := map[string]string{"/orders": "[data-testid=order-date]"}[path]
			if date == "" {
				date = "[data-testid=paid-at]"
			}
			if copied := buyer.copiedText(date); !strings.Contains(copied, "年") || strings.ContainsFunc(copied, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) {
				t.Errorf("%d px %s: copying the date gives %+q, want it with no invisible characters", size.width, path, copied)
			}
			var broken []string
			buyer.run(chromedp.Evaluate(`[...document.querySelectorAll(".held")].filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1).map(e => e.textContent)`, &broken))
			if len(broken) > 0 {
				t.Errorf("%d px %s: held runs broken across lines: %q", size.width, path, broken)
			}
			buyer.fullScreenshot(fmt.Sprint("zh-Hant-charged-", size.width, strings.ReplaceAll(path, "/", "-")))
		}
	}
}
