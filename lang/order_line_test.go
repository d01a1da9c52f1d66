package lang

import (
	"strings"
	"testing"
)

// TestOrderLineKeepsQuantityWithItsSign: where an order's line puts the
// quantity after the product ("เมล็ดกาแฟ × 1"), the × is joined to the
// quantity by a no-break space, so that a narrow column (My orders on a
// phone) never leaves "×" at a line's end and the quantity alone on the
// next; and a quantity after the product is joined to it by one too.
func TestOrderLineKeepsQuantityWithItsSign(t *testing.T) {
	for _, code := range []string{"en", "zh-Hans", "zh-Hant", "ko", "id", "ms", "th"} {
		line := catalog(t, code)["checkout.order_line"]
		if line == "" {
			t.Fatalf("%s: no checkout.order_line", code)
		}
		if strings.HasSuffix(line, "× {{.Quantity}}") {
			t.Errorf("%s: the quantity can be left alone on a line: %q", code, line)
		}
		// Nor may a line break between the product and a quantity after
		// it: Thai's "กาน้ำชาโทโคนาเมะ ⏎ × 1" and Korean's "도코나메
		// 찻주전자 ⏎ 1개" in My orders at 320 px.
		if after, ok := strings.CutPrefix(line, "{{.Product}}"); ok && !strings.HasPrefix(after, "\u00a0") {
			t.Errorf("%s: the quantity can go to a line of its own after the product: %q", code, line)
		}
	}
}
