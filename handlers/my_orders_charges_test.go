package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// My orders' amount says what the order's receipt says was charged
// (checkout.Charges, one rule): an authorization captured in part and
// then refunded in full reads "¥500 charged of ¥5,800" and "¥500
// refunded" beside Refunded, the receipt ending "Paid after refunds ¥0" — not
// the charge alone, as if nothing went back (trial); an order paid in
// full and refunded in part, or its failed refund settled another way,
// says what was charged and what of it went back which way. An order
// paid in full with nothing back says its total.
func TestMyOrdersAmountIsTheReceipts(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("charges@example.com")
	ctx := context.Background()
	yen := func(minor int64) string { return checkout.Money{Currency: "JPY", Minor: minor}.String() }
	paid := func(slug string) (string, int64) {
		ref := b.buy(slug, "1")
		a := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
		ta.authorizeCard(t, ref, a)
		return ref, a
	}

	part, a := paid("teapot")
	total := ta.order(t, part).Amount
	ta.capture(t, part, a, 500)
	ta.refund(t, part, a, 500, db.RefundSuccess)

	refunded, a := paid("teapot")
	ta.capture(t, refunded, a, total)
	ta.refund(t, refunded, a, 800, db.RefundSuccess)

	settled, a := paid("teapot")
	ta.capture(t, settled, a, total)
	ta.refund(t, settled, a, 600, db.RefundFail)
	rs, err := ta.DB.OrderRefunds(ctx, ta.order(t, settled).ID)
	if err != nil || len(rs) != 1 {
		t.Fatalf("the failed refund: %v %v", rs, err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, rs[0].ID, "staff", "bank transfer", ta.now); err != nil || !ok {
		t.Fatalf("settled another way: %v %v", ok, err)
	}

	whole, a := paid("teapot")
	ta.capture(t, whole, a, total)

	mine := b.get("/orders")
	assertEqual(t, mine.status, http.StatusOK, "My orders")
	d := html(t, mine.body)
	for _, c := range []struct {
		name, ref, status               string
		amount, charged, back, settledW string
	}{
		{"captured in part, all refunded", part, "refunded", "", yen(500) + " charged of " + yen(total), yen(500) + " refunded", ""},
		{"paid, part refunded", refunded, "partially-refunded", "", yen(total) + " charged", yen(800) + " refunded", ""},
		{"paid, part settled another way", settled, "partly-settled", "", yen(total) + " charged", "", yen(600) + " settled another way"},
		{"paid in full", whole, "paid", yen(total), "", "", ""},
	} {
		row := d.Find(`[data-testid=order-row][data-ref="` + c.ref + `"]`)
		assertEqual(t, row.AttrOr("data-status", ""), c.status, c.name+": state")
		assertEqual(t, spaces(row.Find("[data-testid=order-charged]").Text()), c.charged, c.name+": charged")
		assertEqual(t, spaces(row.Find("[data-testid=order-refunded]").Text()), c.back, c.name+": refunded")
		assertEqual(t, spaces(row.Find("[data-testid=order-settled]").Text()), c.settledW, c.name+": settled another way")
		if c.amount != "" {
			assertEqual(t, spaces(row.Find("[data-testid=order-amount]").Text()), c.amount, c.name+": amount")
		}
	}
	// Settled another way went back outside the payment: the receipt's
	// bold line is what was paid after it, not "charged".
	words := html(t, b.get("/orders/"+settled).body).Find(`[data-testid=order-summary] dl`).Children()
	var lines []string
	words.Each(func(_ int, s *goquery.Selection) { lines = append(lines, spaces(s.Text())) })
	assertEqual(t, strings.Join(lines, " "), "Order total "+yen(total)+" Charged "+yen(total)+" Settled another way −"+yen(600)+" Paid after refunds "+yen(total-600)+" Order "+settled, "the receipt of a part settled another way")
	receipt := html(t, b.get("/orders/"+part).body)
	assertEqual(t, textOf(t, receipt, "order-charged"), yen(500), "the receipt: charged")
	assertEqual(t, textOf(t, receipt, "order-refunded"), "−"+yen(500), "the receipt: refunded")
	assertEqual(t, textOf(t, receipt, "order-total-charged"), yen(0), "the receipt: total charged")
}

// What failed refunds still owe the buyer, which the order's receipt
// says ("… so as far as the shop knows ¥600 is still owed to you"), My
// orders' line of it says too: one failed refund, or several; an order
// nothing is owed of says nothing of the kind.
func TestMyOrdersSayWhatFailedRefundsOwe(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("owed@example.com")
	yen := func(minor int64) string { return checkout.Money{Currency: "JPY", Minor: minor}.String() }
	paid := func() (string, int64) {
		ref := b.buy("teapot", "1")
		a := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
		ta.authorizeCard(t, ref, a)
		ta.capture(t, ref, a, ta.order(t, ref).Amount)
		return ref, a
	}
	one, a := paid()
	ta.refund(t, one, a, 600, db.RefundFail)
	several, a := paid()
	ta.refund(t, several, a, 600, db.RefundFail)
	ta.refund(t, several, a, 400, db.RefundFail)
	none, _ := paid()

	d := html(t, b.get("/orders").body)
	for _, c := range []struct{ name, ref, owed, receipt string }{
		{"one failed refund", one, yen(600) + " still owed to you, as far as the shop knows: a refund has not gone through",
			"A refund has not gone through, so as far as the shop knows " + yen(600) + " is still owed to you."},
		{"two failed refunds", several, yen(1000) + " still owed to you, as far as the shop knows: refunds have not gone through",
			"Refunds have not gone through, so as far as the shop knows " + yen(1000) + " is still owed to you."},
		{"nothing failed", none, "", ""},
	} {
		row := d.Find(`[data-testid=order-row][data-ref="` + c.ref + `"]`)
		assertEqual(t, spaces(row.Find("[data-testid=order-refund-owed]").Text()), c.owed, c.name+": My orders")
		assertEqual(t, row.Find(".price-part").Length() == 1, c.owed != "", c.name+": the amount on a line of its own on a phone")
		receipt := html(t, b.get("/orders/"+c.ref).body).Find("[data-testid=refund-failed]").Text()
		if !strings.Contains(spaces(receipt), c.receipt) || (c.receipt == "") != (receipt == "") {
			t.Fatalf("%s: the receipt says %q, want %q", c.name, spaces(receipt), c.receipt)
		}
	}
}

// Refunds still under way, which the order's result page says ("A
// refund of ¥600 is on its way to you", "Being refunded ¥600"; "A refund
// of ¥400 is being confirmed"), My orders' line of it says too: it read
// "¥5,800 · Paid" alone (trial). An order with none says nothing of the
// kind.
func TestMyOrdersSayRefundsUnderWay(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("underway@example.com")
	yen := func(minor int64) string { return checkout.Money{Currency: "JPY", Minor: minor}.String() }
	paid := func() (string, int64) {
		ref := b.buy("teapot", "1")
		a := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
		ta.authorizeCard(t, ref, a)
		ta.capture(t, ref, a, ta.order(t, ref).Amount)
		return ref, a
	}
	both, a := paid()
	ta.refund(t, both, a, 600, db.RefundProcessing) // Antom accepted it: on its way
	o := ta.order(t, both)
	if _, err := ta.DB.InsertRefund(context.Background(), db.Refund{OrderID: o.ID, AttemptID: a, RefundRequestID: "RF-U-" + both,
		Currency: o.Currency, Amount: 400, Status: db.RefundProcessing, NextCheckAt: ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: ta.now}); err != nil {
		t.Fatal(err) // no answer yet: being confirmed
	}
	none, _ := paid()

	d := html(t, b.get("/orders").body)
	for _, c := range []struct{ name, ref, status, refunding, confirming, onWay, beingConfirmed string }{
		{"on its way and being confirmed", both, "paid", yen(600) + " being refunded", "Refund of " + yen(400) + " being confirmed",
			"A refund of " + yen(600) + " is on its way to you.", "A refund of " + yen(400) + " is being confirmed."},
		{"none", none, "paid", "", "", "", ""},
	} {
		row := d.Find(`[data-testid=order-row][data-ref="` + c.ref + `"]`)
		assertEqual(t, row.AttrOr("data-status", ""), c.status, c.name+": state")
		assertEqual(t, spaces(row.Find("[data-testid=order-refunding]").Text()), c.refunding, c.name+": My orders, on its way")
		assertEqual(t, spaces(row.Find("[data-testid=order-refund-confirming]").Text()), c.confirming, c.name+": My orders, being confirmed")
		assertEqual(t, row.Find(".price-part").Length() == 1, c.refunding != "", c.name+": the amount on lines of its own on a phone")
		page := html(t, b.get("/orders/"+c.ref).body)
		assertEqual(t, spaces(page.Find("[data-testid=refund-on-its-way]").Text()), c.onWay, c.name+": the result page, on its way")
		assertEqual(t, spaces(page.Find("[data-testid=refund-being-confirmed]").Text()), c.beingConfirmed, c.name+": the result page, being confirmed")
	}
}

// A refund of the whole payment whose answer has not come, and one the
// reconciler closed as failed (Antom had no such refund: all of it
// still owed), headline the buyer's result page so — not "Thank you for
// your order" above "A refund of ¥5,800 is being confirmed" or "… still
// owed to you" (trial) — each over what was received; My orders' line
// of the first says the refund being confirmed.
func TestWholeRefundConfirmingOrClosedHeadlines(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("whole@example.com")
	yen := func(minor int64) string { return checkout.Money{Currency: "JPY", Minor: minor}.String() }
	paid := func() (string, int64, int64) { return ta.teapotPaidByCard(t, b) }
	confirming, a, total := paid()
	o := ta.order(t, confirming)
	if _, err := ta.DB.InsertRefund(context.Background(), db.Refund{OrderID: o.ID, AttemptID: a, RefundRequestID: "RF-W-" + confirming,
		Currency: o.Currency, Amount: total, Status: db.RefundProcessing, NextCheckAt: ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	closed, a, _ := paid()
	ta.refund(t, closed, a, total, db.RefundFail)
	for _, c := range []struct{ name, ref, head, notice, text string }{
		{"being confirmed", confirming, "A refund of your whole payment is being confirmed", "refund-being-confirmed", "A refund of " + yen(total) + " is being confirmed."},
		{"closed as failed", closed, "A refund of your whole payment is still owed to you", "refund-failed", yen(total) + " is still owed to you."},
	} {
		page := html(t, b.get("/orders/"+c.ref).body)
		assertEqual(t, page.Find("[data-testid=result]").AttrOr("data-status", ""), "paid", c.name+": state")
		assertEqual(t, spaces(page.Find("[data-testid=result-headline-text]").Text()), c.head, c.name+": headline")
		assertEqual(t, spaces(page.Find("[data-testid=result-detail]").Text()), "We received "+yen(total)+" for this order.", c.name+": detail")
		if s := spaces(page.Find("[data-testid=" + c.notice + "]").Text()); !strings.Contains(s, c.text) {
			t.Fatalf("%s: its notice says %q, want %q in it", c.name, s, c.text)
		}
	}
	row := html(t, b.get("/orders").body).Find(`[data-testid=order-row][data-ref="` + confirming + `"]`)
	assertEqual(t, spaces(row.Find("[data-testid=order-refund-confirming]").Text()), "Refund of "+yen(total)+" being confirmed", "My orders")
}
