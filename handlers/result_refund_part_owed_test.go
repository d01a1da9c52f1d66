package handlers

import (
	"context"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A whole payment given back in two refunds, the second of which failed,
// headlines the buyer's result page in both states at once — part on
// its way (or being confirmed), the rest still owed — not "Thank you for
// your order / Your order is paid" above the two notices (trial), nor
// one state's headline, which would say the whole is on its way, or the
// whole owed. Each notice under it says its own part.
func TestWholeRefundPartOwedHeadlines(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("part.owed@example.com")
	yen := func(minor int64) string { return checkout.Money{Currency: "JPY", Minor: minor}.String() }
	paid := func() (string, int64, int64) { return ta.teapotPaidByCard(t, b) }
	onWay, a, total := paid()
	part := total / 4
	ta.refund(t, onWay, a, total-part, db.RefundProcessing) // accepted: on its way
	ta.refund(t, onWay, a, part, db.RefundFail)             // the rest: failed, owed
	confirming, a, _ := paid()
	o := ta.order(t, confirming)
	if _, err := ta.DB.InsertRefund(context.Background(), db.Refund{OrderID: o.ID, AttemptID: a, RefundRequestID: "RF-C-" + confirming,
		Currency: o.Currency, Amount: total - part, Status: db.RefundProcessing, NextCheckAt: ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: ta.now}); err != nil {
		t.Fatal(err) // no answer yet: being confirmed
	}
	ta.refund(t, confirming, a, part, db.RefundFail)
	for _, c := range []struct{ name, ref, head, underWay, underWayText string }{
		{"on its way", onWay, "Part of your payment is on its way back; the rest is still owed to you",
			"refund-on-its-way", "A refund of " + yen(total-part) + " is on its way to you."},
		{"being confirmed", confirming, "A refund of part of your payment is being confirmed; the rest is still owed to you",
			"refund-being-confirmed", "A refund of " + yen(total-part) + " is being confirmed."},
	} {
		page := html(t, b.get("/orders/"+c.ref).body)
		assertEqual(t, page.Find("[data-testid=result]").AttrOr("data-status", ""), "paid", c.name+": state")
		assertEqual(t, spaces(page.Find("[data-testid=result-headline-text]").Text()), c.head, c.name+": headline")
		assertEqual(t, spaces(page.Find("[data-testid=result-detail]").Text()), "We received "+yen(total)+" for this order.", c.name+": detail")
		assertEqual(t, spaces(page.Find("[data-testid="+c.underWay+"]").Text()), c.underWayText, c.name+": the part under way")
		assertEqual(t, spaces(page.Find("[data-testid=refund-failed]").Text()),
			"A refund has not gone through, so as far as the shop knows "+yen(part)+" is still owed to you. The shop has been told and will sort it out.", c.name+": the rest owed")
	}
}
