package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A payment Antom said succeeded while a cancel of ours was on its way
// (the cancel IN_DOUBT) is not plainly paid: the dashboard leaves it out
// of today's payments and counts it apart, linking the orders filter that
// lists it; once the payment stands, it is counted as paid.
func TestDashboardCountsPaymentsWhoseCancelIsCheckedApart(t *testing.T) {
	ta := newAdminApp(t)
	guest := ta.client(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ref := guest.buy("mug", "1")
	id := ta.paidWhileCancelling(t, ref, "AUTOMATIC", true)

	d := html(t, staff.get("/admin").body)
	assertEqual(t, testid(d, "today-USD").Length(), 0, "today's payments while the cancel is in doubt")
	assertEqual(t, textOf(t, d, "cancels-in-doubt-count"), "1", "payments whose cancel is being checked")
	rate := textOf(t, d, "success-rate")
	if !strings.Contains(rate, "No payment attempt started today has finished yet") {
		t.Fatalf("the success rate counts the payment in doubt: %q", rate)
	}
	assertEqual(t, testid(d, "cancels-in-doubt").AttrOr("href", ""), "/admin/orders?status=cancel-checking", "the count's link")
	list := html(t, staff.get("/admin/orders?status=cancel-checking").body)
	assertEqual(t, testid(list, "order-link").Length(), 1, "orders listed by the filter")
	assertEqual(t, textOf(t, list, "order-link"), ref, "the order listed")

	if ok, err := ta.DB.EndCancelDoubt(context.Background(), id, db.CancelFail, ta.now); err != nil || !ok {
		t.Fatalf("end the doubt: %v %v", ok, err)
	}
	d = html(t, staff.get("/admin").body)
	assertEqual(t, testid(d, "today-USD").Length(), 1, "today's payments once the payment stands")
	assertEqual(t, textOf(t, d, "cancels-in-doubt-count"), "0", "payments whose cancel is being checked, after")
	if rate := textOf(t, d, "success-rate"); !strings.Contains(rate, "1 successful of 1 finished") {
		t.Fatalf("the success rate once the payment stands: %q", rate)
	}
	list = html(t, staff.get("/admin/orders?status=cancel-checking").body)
	assertEqual(t, testid(list, "order-link").Length(), 0, "orders listed by the filter, after")
}
