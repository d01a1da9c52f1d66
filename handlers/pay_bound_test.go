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
	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", nil, "因此這次付款沒有發出")
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

// The checkout page of an order that has had checkout.AttemptsPerOrder
// payment attempts offers no way to pay — each press would be refused —
// and says instead, in the buyer's language, that it can no longer be
// paid and how to buy; with MERCHANT_CONTACT the sentence links to the
// shop. A press just refused for it (a page left open) is said there
// once, not beside those words; the last payment's decline is said
// above them, without its advice to try again.
func TestCheckoutPastAttemptsPerOrderOffersNoWayToPay(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	b := ta.client(t)
	b.signUp("used.up@example.com")
	ta.sealedWallet(t, ta.buyerID(t, "used.up@example.com"), "0917****123")
	ref := b.buy("coffee", "1")
	payable := b.get("/checkout/" + ref)
	for _, form := range []string{`action="/checkout/` + ref + `/card"`, `action="/checkout/` + ref + `/pay"`} {
		if !strings.Contains(payable.body, form) {
			t.Fatalf("the checkout page of a payable order has no %s form", form)
		}
	}

	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder)
	usedUp := "This order has had too many payment attempts, so it can no longer be paid. To buy these items, place a new order, or contact the shop."
	p := b.get("/checkout/" + ref)
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "attempts-used-up-words"), usedUp, "the checkout page's words")
	for _, form := range []string{"/card", "/pay", "/link"} {
		if strings.Contains(p.body, `action="/checkout/`+ref+form) {
			t.Fatalf("the checkout page of an order past its attempts still has a %s form", form)
		}
	}
	assertEqual(t, testid(d, "attempts-used-up-shop").AttrOr("href", ""), "/", "the way back to the shop")

	refused := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", nil, "so this one was not made and nothing was charged for it")
	assertEqual(t, strings.Count(refused.body, "can no longer be paid"), 0, "the used-up words beside the refusal")
	assertEqual(t, strings.Count(refused.body, `data-testid="pay-error"`), 0, "the refusal said twice")
	assertEqual(t, textOf(t, html(t, refused.body), "last-attempt"), "Your last payment did not go through. Your card was declined. Nothing was charged.",
		"the last attempt's notice, without its advice to try again")

	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/checkout/" + ref}})
	assertEqual(t, textOf(t, html(t, b.get("/checkout/"+ref).body), "attempts-used-up-words"),
		"คำสั่งซื้อนี้มีการพยายามชำระเงินหลายครั้งเกินไป จึงชำระเงินไม่ได้อีกแล้ว หากต้องการซื้อ โปรดสั่งซื้อใหม่หรือติดต่อร้านค้า", "in Thai")

	ta.Contact = "help@tea.example"
	words := testid(html(t, b.get("/checkout/"+ref).body), "attempts-used-up-words")
	assertEqual(t, words.Find("a").AttrOr("href", ""), "mailto:help@tea.example", "the contact in the sentence")
}
