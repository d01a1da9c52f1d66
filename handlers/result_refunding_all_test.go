package handlers

import (
	"testing"
	"time"

	"antom-checkout/db"
)

// A buyer whose whole payment is on its way back reads so above the
// refund — "Your payment is being refunded in full", not "Thank you for
// your order" — paid by card as by wallet; while only part of it is on
// its way, the order reads paid.
func TestBuyerWholeRefundOnItsWayHeadline(t *testing.T) {
	ta := newTestApp(t)
	for _, method := range []string{db.MethodCard, db.MethodWallet} {
		t.Run(method, func(t *testing.T) {
			b := ta.client(t)
			email := "refunding-all-" + method + "@example.com"
			b.signUp(email)
			ref := b.buy("coffee", "2") // $37.00
			a := db.Attempt{PaymentRequestID: "PR-" + ref + "-" + method, Method: method, ExpiresAt: ta.now.Add(time.Minute), NextCheckAt: ta.now.Add(time.Hour)}
			if method == db.MethodWallet {
				a.WalletID = ta.insertWallet(t, ta.buyerID(t, email), "0917****"+method[:3])
			}
			attempt := ta.processingAttempt(t, ref, a)
			ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)

			ta.refund(t, ref, attempt, 1000, db.RefundProcessing)
			d := html(t, b.get("/orders/"+ref).body)
			assertEqual(t, textOf(t, d, "result-headline-text"), "Thank you for your order", "part on its way")
			assertEqual(t, textOf(t, d, "result-detail"), "Your order is paid: we received $37.00.", "part on its way")

			ta.refund(t, ref, attempt, 2700, db.RefundProcessing)
			d = html(t, b.get("/orders/"+ref).body)
			assertEqual(t, textOf(t, d, "result-status"), "Paid", "all on its way: the badge")
			assertEqual(t, textOf(t, d, "result-headline-text"), "Your payment is being refunded in full", "all on its way")
			assertEqual(t, textOf(t, d, "result-detail"), "We received $37.00 for this order.", "all on its way")
			assertEqual(t, textOf(t, d, "refund-on-its-way"), "2 refunds, $37.00 in all, are on their way to you.", "all on its way")
		})
	}
}
