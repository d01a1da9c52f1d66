package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// failedAttempts gives order ref n failed payment attempts, as n pays
// that failed (or were left and cancelled) would have.
func (ta *testApp) failedAttempts(t *testing.T, ref string, n int) {
	t.Helper()
	o := ta.order(t, ref)
	for i := range n {
		_, err := ta.DB.InsertAttempt(context.Background(), db.Attempt{OrderID: o.ID, PaymentRequestID: fmt.Sprintf("PR-%s-F%d", ref, i),
			Method: db.MethodCard, Currency: o.Currency, Amount: o.Amount, Status: db.AttemptFail, CreatedAt: ta.now,
			ExpiresAt: ta.now.Add(time.Minute), NextCheckAt: ta.now})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// An order that has had checkout.AttemptsPerOrder payment attempts gets
// no more: a press of Pay by card, or of a saved wallet, is answered on
// the checkout page, once, in the buyer's language, that this payment
// was not made and how to buy; no attempt is stored and nothing is sent
// to Antom; the order stays as it was, and staff still see it.
func TestPayPastAttemptsPerOrderIsRefused(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	b := ta.client(t)
	b.signUp("looping@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "looping@example.com"), "0917****123")
	ref := b.buy("coffee", "1")
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder)

	en := "This order has had too many payment attempts, so this one was not made and nothing was charged for it."
	b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", nil, en)
	b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}}, en)
	b.post("/lang", url.Values{"lang": {"zh-Hant"}, "next": {"/checkout/" + ref}})
	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", nil, "此訂單的付款嘗試次數過多")
	assertEqual(t, strings.Count(p.body, en), 0, "English words on the Chinese page")

	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), checkout.AttemptsPerOrder, "attempts")
	assertEqual(t, ta.order(t, ref).Status, db.OrderOpen, "the order")
	ta.Checkout.Wait()
	assertEqual(t, f.count("pay"), 0, "pays sent to Antom")
	staff := ta.client(t)
	staff.staffSignIn()
	shown := staff.get("/admin/orders/" + ref)
	assertEqual(t, shown.status, 200, "the order's staff page")
	assertEqual(t, strings.Count(shown.body, "PR-"+ref+"-F"), checkout.AttemptsPerOrder, "attempts staff see")
}
