package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The same refund confirmed in two tabs: the second tab's answer comes
// while the first's call to Antom is under way, and says so — "This
// refund form was already submitted. Antom has not confirmed the refund
// of $5.00 yet; we keep asking." Once Antom has made it, the live page
// redraws, and that notice becomes what the refund is ("… Refunded
// $5.00.", as the first tab's says) — never dropped, leaving staff no
// word of what their form did. So does a refund Antom accepted and is
// still processing ("Refund of $5.00 sent; Antom is still processing
// it.") once it is made.
func TestRefundNoticeBecomesWhatTheRefundIsOnTheLivePage(t *testing.T) {
	srv, _, staff, ref := paidWithStaff(t, "notice.live@example.com")
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "5.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	var form string
	staff.run(chromedp.Evaluate(`document.querySelector("[data-testid=confirm] form").outerHTML`, &form))
	quoted, err := json.Marshal(form)
	if err != nil {
		t.Fatal(err)
	}
	// The same confirmation in a second tab (as a duplicated tab holds it).
	other := staff.tab()
	other.visit("/admin/orders/" + ref)
	other.run(chromedp.Evaluate(`document.querySelector("main").innerHTML = `+string(quoted)+`; true`, nil))

	refund := srv.App.Sandbox().Faults().Hold("payments/refund")
	t.Cleanup(refund.Release)
	staff.run(chromedp.Click("[data-testid=confirm-yes]", chromedp.ByQuery))
	select {
	case <-refund.Arrived():
	case <-time.After(15 * time.Second):
		t.Fatal("the refund never reached Antom")
	}
	other.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	other.waitText("[data-testid=flash][data-tone=pending]", "This refund form was already submitted. Antom has not confirmed the refund of $5.00 yet")
	refund.Release()
	staff.waitText("[data-testid=flash][data-tone=ok]", "Refunded $5.00.")
	other.waitText("[data-testid=refund-status]", "success")
	other.waitText("[data-testid=flash][data-tone=ok]", "This refund form was already submitted. Refunded $5.00.")

	// A refund Antom accepted and makes later: its notice, once made.
	srv.App.Sandbox().SetRefundDelay(time.Hour) // the answer comes before it is made, when the test says
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Refund of $5.00 sent; Antom is still processing it.")
	if err := srv.App.Sandbox().SettleRefunds(context.Background()); err != nil {
		t.Fatal(err)
	}
	staff.waitText("[data-testid=order-refunded]", "$10.00")
	staff.waitText("[data-testid=flash][data-tone=ok]", "Refunded $5.00.")
}
