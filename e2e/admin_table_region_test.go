package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// scrollBox is what a table's sideways-scrolling box (.table-scroll)
// says of itself to assistive technology.
type scrollBox struct {
	Role, Label    string
	TabIndex       int
	Overflows      bool
	ScrollLeft     float64
	FocusedIsBoxed bool
}

func (b *browser) scrollBox(sel string) scrollBox {
	b.t.Helper()
	var box scrollBox
	b.run(chromedp.Evaluate(fmt.Sprintf(`(() => {
		const box = document.querySelector(%s).closest(".table-scroll");
		return {Role: box.getAttribute("role") || "", Label: box.getAttribute("aria-label") || "",
			TabIndex: box.tabIndex, Overflows: box.scrollWidth > box.clientWidth + 1,
			ScrollLeft: box.scrollLeft, FocusedIsBoxed: document.activeElement === box};
	})()`, quoteJS(sel)), &box))
	return box
}

// At 200 % zoom of a 1280 px window (640 CSS px), an order's payment
// attempts are wider than the page and scroll sideways in their box: the
// box is then a region named for its table, reached by Tab and scrolled
// by the arrow keys. At full width it fits and is none of that, and the
// boxes a redraw brings (the order page updates in place) are named too.
func TestAdminWideTableIsANamedRegion(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "wide.table@example.com")
	const attempts = "[data-testid=attempts]"

	staff.run(chromedp.EmulateViewport(1280, 900))
	staff.visit("/admin/orders/" + ref)
	if box := staff.scrollBox(attempts); box.Overflows || box.Role != "" || box.Label != "" || box.TabIndex != -1 {
		t.Fatalf("at 1280 px the attempts' box fits and should be no region or tab stop: %+v", box)
	}

	staff.run(chromedp.EmulateViewport(640, 900))
	staff.visit("/admin/orders/" + ref)
	box := staff.scrollBox(attempts)
	if !box.Overflows {
		t.Fatalf("at 640 px the attempts' table fits its box; this test needs one that scrolls: %+v", box)
	}
	if box.Role != "region" || box.Label != "Payment attempts" || box.TabIndex != 0 {
		t.Fatalf("at 640 px the attempts' scrolling box is %+v, want a region named \"Payment attempts\" in the tab order", box)
	}
	staff.run(chromedp.Evaluate(`document.querySelector("[data-testid=attempts]").closest(".table-scroll").focus()`, nil))
	staff.run(chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if box := staff.scrollBox(attempts); !box.FocusedIsBoxed {
		t.Fatalf("the box lost the focus: %+v", box)
	}
	// The arrow keys scroll it (smoothly: read when it has moved).
	staff.run(chromedp.Poll(`document.querySelector("[data-testid=attempts]").closest(".table-scroll").scrollLeft > 0`, nil, chromedp.WithPollingTimeout(5*time.Second)))

	// Wider again, the same page (no reload) takes the box out of the tab order.
	staff.run(chromedp.EmulateViewport(1280, 900))
	staff.run(chromedp.Poll(`document.querySelector("[data-testid=attempts]").closest(".table-scroll").tabIndex === -1`, nil))

	// A redraw in place (a colleague's refund) names the boxes it brings.
	staff.run(chromedp.EmulateViewport(640, 900))
	staff.run(chromedp.Poll(`document.querySelector("[data-testid=attempts]").closest(".table-scroll").tabIndex === 0`, nil))
	colleague := staff.tab()
	colleague.visit("/admin/orders/" + ref)
	refundFive(colleague, "[data-testid=flash]")
	staff.waitText("[data-testid=order-status]", "partially refunded")
	if box := staff.scrollBox("[data-testid=refunds]"); box.Overflows && (box.Role != "region" || box.Label != "Refunds" || box.TabIndex != 0) {
		t.Fatalf("the redrawn refunds' scrolling box is %+v, want a region named \"Refunds\" in the tab order", box)
	}
	if box := staff.scrollBox(attempts); box.Role != "region" || box.TabIndex != 0 {
		t.Fatalf("the redrawn attempts' scrolling box is %+v", box)
	}
}
