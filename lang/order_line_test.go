package lang

import (
	"strings"
	"testing"
)

// TestOrderLineKeepsQuantityWithItsSign: where an order's line puts the
// quantity after the product ("เมล็ดกาแฟ × 1"), the × is joined to the
// quantity by a no-break space, so that a narrow column (My orders on a
// phone) never leaves "×" at a line's end and the quantity alone on the
// next.
func TestOrderLineKeepsQuantityWithItsSign(t *testing.T) {
	for _, code := range []string{"en", "zh-Hans", "zh-Hant", "ko", "id", "ms", "th"} {
		line := catalog(t, code)["checkout.order_line"]
		if line == "" {
			t.Fatalf("%s: no checkout.order_line", code)
		}
		if strings.HasSuffix(line, "× {{.Quantity}}") {
			t.Errorf("%s: the quantity can be left alone on a line: %q", code, line)
		}
	}
}
