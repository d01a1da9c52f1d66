package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"antom-checkout/db"
	"antom-checkout/views"
)

// A payment the order did not need is told on the result page with its
// method and amount, in the words of where its giving back stands: left
// to the shop (no automatic refund could be made), refund sent, on its
// way, failed. Where the shop must act, the page gives its contact; and
// staff's order page says the payment and its refund are the checkout's
// own, and what is left to do when the refund failed. The payment's
// wallet and account each read whole (.pay-name, .pay-account), as the
// result page's headline names a wallet.
func TestResultPageTellsEachStateOfAGivenBackPayment(t *testing.T) {
	ta := newTestApp(t)
	ta.Contact = "help@demo.example"
	ctx := context.Background()
	b := ta.client(t)
	b.signUp("givenback@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "givenback@example.com"), "0917****123")
	ref := b.buy("matcha", "1")
	late := ta.openAttempt(t, ref, wallet)
	// Closed by us: Antom had no such payment past its expiry.
	ours := db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST", Source: db.SourceOurs}
	if ok, err := ta.DB.SettleAttempt(ctx, late, db.AttemptProcessing, "", ours, ta.now); err != nil || !ok {
		t.Fatalf("close: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderProcessing, db.OrderOpen, ta.now); err != nil || !ok {
		t.Fatalf("order to OPEN: %v %v", ok, err)
	}
	paying := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-PAID", Method: db.MethodWallet, WalletID: wallet})
	ta.settle(t, ref, paying, db.AttemptSuccess, "SUCCESS", "PAY-2")
	// The first payment succeeds after all: surplus.
	set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-1", PaidAt: ta.now, Source: db.SourceAntom}
	if ok, err := ta.DB.SettleAttempt(ctx, late, db.AttemptFail, db.SourceOurs, set, ta.now); err != nil || !ok {
		t.Fatalf("late success: %v %v", ok, err)
	}
	if ok, err := ta.DB.MarkSurplus(ctx, late, ta.now); err != nil || !ok {
		t.Fatalf("surplus: %v %v", ok, err)
	}
	said := func(state, words string, contact bool) {
		t.Helper()
		p := b.get("/orders/" + ref)
		assertEqual(t, p.status, http.StatusOK, "result page")
		d := html(t, p.body)
		assertEqual(t, textOf(t, d, "result-status"), "Paid", "the order")
		g := testid(d, "given-back")
		assertEqual(t, g.Length(), 1, "payments given back")
		assertEqual(t, g.AttrOr("data-state", ""), state, "given back")
		want := "Your earlier payment of ¥2,400 with GCash 0917****123 went through after all, after another payment had already been made for this order. " + words
		if contact {
			want += " Questions about this order? Contact the shop at help@demo.example."
		}
		assertEqual(t, textOf(t, d, "given-back"), want, "given back, "+state)
		assertEqual(t, testid(d, "given-back").Find(`[data-testid="contact-link"]`).Length() == 1, contact, "the shop's contact beside it")
		// The wallet reads whole, as the headline's does (walletSay).
		assertEqual(t, g.Find(".pay-name").Text(), "GCash", "the wallet's name in its box, "+state)
		assertEqual(t, g.Find(".pay-account").Text(), "0917****123", "the account in its box, "+state)
	}

	said("for-staff", "It could not be refunded automatically; the shop is to return it to you.", true)

	o := ta.order(t, ref)
	id, err := ta.DB.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: late, RefundRequestID: "RF-AUTO-PR-" + ref + "-TEST",
		Currency: o.Currency, Amount: o.Amount, Status: db.RefundProcessing, CreatedAt: ta.now, Automatic: true})
	check(t, err)
	said("asked", "We are refunding it to you automatically; the payment service has not confirmed the refund yet. This page updates by itself.", false)

	check(t, ta.DB.SetRefundID(ctx, id, "RF-1", ta.now))
	said("refunding", "We are refunding it to you automatically: the refund is on its way. This page updates by itself.", false)

	if ok, err := ta.DB.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "REFUND_AMOUNT_EXCEED", "RF-1", db.SourceAntom, ta.now, ta.now); err != nil || !ok { // Antom left less to refund than our books
		t.Fatalf("refund failed: %v %v", ok, err)
	}
	said("failed", "The automatic refund of it failed, so ¥2,400 is still owed to you. The shop has been told and will sort it out.", true)

	// Staff's order page marks the payment and its refund as the
	// checkout's own, and says what is left to do when it failed.
	_, err = ta.Checkout.EnsureFirstStaff(ctx, staffEmail, staffPassword)
	check(t, err)
	staff := ta.client(t)
	staff.staffSignIn()
	p := staff.get("/admin/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "staff's order page")
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "attempt-surplus"), "went through after another payment had paid the order: refunded automatically, see Refunds (the buyer's page says so)", "the surplus payment")
	assertEqual(t, textOf(t, d, "refund-automatic"), "automatic", "who refunded")
	assertEqual(t, textOf(t, d, "refund-automatic-failed"), "An automatic refund cannot be tried again here: return ¥2,400 to the buyer another way. Their page says it is still owed and the shop will sort it out.", "what is left to do")
	// So does the confirmation of a refund of the order's payment.
	c := staff.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"100"}, "key": {"KEYAUTOFAILED"}})
	assertEqual(t, c.status, http.StatusOK, "a refund's confirmation")
	assertContains(t, html(t, c.body).Find(`[data-testid="confirm"]`).Text(),
		"Refunds so farFailed: ¥2,400, sent automatically on "+views.AdminTime(nil, ta.now)+"; to be returned to the buyer another way")

	// A refund made outside this app taken in since gave ¥1,000 of it
	// back: every page says so, and that the rest is owed.
	_, err = ta.DB.AdoptOutsideRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: late, RefundRequestID: "EXT-PART", Currency: o.Currency,
		Amount: 1000, RefundedAt: ta.now}, ta.now)
	check(t, err)
	said("part-outside", "¥1,000 of it was refunded to you; the automatic refund of the rest failed, so ¥1,400 is still owed to you. The shop has been told and will sort it out.", true)
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-automatic-failed"), "Refunds made outside this app (in Antom) gave the buyer ¥1,000 of it. An automatic refund cannot be tried again here: return the rest, ¥1,400, to the buyer another way. Their page says ¥1,000 was refunded, ¥1,400 is still owed and the shop will sort it out.", "what is left to do, part given back")
	d = html(t, staff.get("/admin").body)
	assertEqual(t, textOf(t, d, "auto-refunds-part-outside"), "1 of them partly given back by refunds made outside this app (in Antom): the rest is still owed", "the dashboard")
	c = staff.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"100"}, "key": {"KEYAUTOPART"}})
	assertContains(t, html(t, c.body).Find(`[data-testid="confirm"]`).Text(),
		"Refunds so farFailed: ¥2,400, sent automatically on "+views.AdminTime(nil, ta.now)+"; ¥1,000 of it given back by refunds made outside this app; the rest, ¥1,400, to be returned to the buyer another way")

	// Refused because refunds made outside this app had given it back
	// (outside_took): nothing is left to do, on either page.
	if ok, err := ta.DB.MarkRefundOutsideTook(ctx, id, ta.now); err != nil || !ok {
		t.Fatalf("mark outside took: %v %v", ok, err)
	}
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "refund-automatic-failed").Length(), 0, "nothing to return another way")
	c = staff.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"100"}, "key": {"KEYAUTOOUTSIDE"}})
	assertContains(t, html(t, c.body).Find(`[data-testid="confirm"]`).Text(),
		"nothing of it owed: refunds made outside this app had already taken that amount")
	assertEqual(t, testid(html(t, b.get("/orders/"+ref).body), "given-back").AttrOr("data-state", ""), "refunded", "the buyer's page")
}
