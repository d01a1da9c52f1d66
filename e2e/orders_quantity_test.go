package e2e

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// quantityAlone is a line of an order's name that holds its quantity and
// nothing else: "× 1", "2 ×", Korean's "1개".
var quantityAlone = regexp.MustCompile(`^(×[\s\x{a0}]*\d+|\d+[\s\x{a0}]*×|\d+개)$`)

// In My orders on a phone, an order's quantity stays on the line of the
// product's name it is written with, in every language, with real fonts:
// at 320 px Thai's "กาน้ำชาโทโคนาเมะ ⏎ × 1" left the quantity alone under
// the teapot's name, and Korean's "도코나메 찻주전자 ⏎ 1개" too (trial); and
// Thai's names keep the words the quantity now goes with whole.
func TestMyOrdersKeepQuantityWithTheNameOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	for _, slug := range []string{"teapot", "mug", "coffee", "notebook", "furoshiki", "matcha", "coldbrew"} {
		buy(b, slug)
	}
	for _, width := range []int64{320, 390} {
		b.viewport(width, 700, true)
		for _, l := range lang.Languages {
			b.visit("/orders")
			b.switchTo(l.Code)
			b.fullScreenshot(fmt.Sprintf("%s-%d-orders", l.Code, width))
			var count int
			b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=order-row] .order-row-name").length`, &count))
			if count != 7 {
				t.Fatalf("%s: %d orders listed, want 7", l.Code, count)
			}
			if l.Code == "th" {
				// What the quantity goes with, whole: "มัทฉะเกรดพิธีชง ⏎ ชา × 1"
				// and "สมุดโน้ตลาย ⏎ จุด × 1" once it went with the name.
				if seen := b.wordsOnOneLine([]string{"พิธีชงชา", "ลายจุด"}); seen < 2 {
					t.Fatalf("%d px, th: the matcha's and the notebook's words seen %d times, want 2", width, seen)
				}
			}
			if zh := map[string][]string{"zh-Hans": {"咖啡豆", "包袱布"}, "zh-Hant": {"咖啡豆", "包袱巾"}}[l.Code]; zh != nil {
				// Chinese breaks anywhere: "2 × 单一产地咖 ⏎ 啡豆" at 320 px.
				if seen := b.wordsOnOneLine(zh); seen < 2 {
					t.Fatalf("%d px, %s: the coffee's and the cloth's words seen %d times, want 2", width, l.Code, seen)
				}
			}
			for i := 1; i <= count; i++ {
				name := b.linesOf(fmt.Sprintf("[data-testid=orders] > li:nth-child(%d) .order-row-name", i))
				for _, line := range name {
					if quantityAlone.MatchString(line) {
						t.Errorf("%d px, %s: the quantity alone on a line: %q", width, l.Code, name)
					}
				}
			}
		}
	}
}
