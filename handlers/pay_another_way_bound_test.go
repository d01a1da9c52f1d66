package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// usedUpWords are checkout.attempts_used_up in English: what the
// checkout page of an order whose attempts are used up says.
const usedUpWords = "This order has had too many payment attempts, so it can no longer be paid. To buy these items, place a new order, or contact the shop."

// An order whose card payment, open on Antom's card page, is its
// checkout.AttemptsPerOrder-th attempt may have no other: its result page
// offers no "Pay another way" — only to continue on the card page, which
// is the way left, and says so — and a press of it from a page shown
// before (or a forged form) cancels nothing: nothing is sent to Antom,
// the payment stays open and payable, and the buyer is back on the
// result page, not on a checkout page that can no longer pay.
func TestPayAnotherWayAtTheAttemptBoundLeavesTheCardPageOpen(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.GatewayURL = testGatewayURL }) // cardPage's
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder-1)
	id := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)

	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "card-page", "state")
	assertEqual(t, testid(d, "leave-card-page").Length(), 0, "pay another way offered")
	assertEqual(t, testid(d, "continue-card-page").AttrOr("href", ""), cardPage, "continue on the card page")
	assertEqual(t, testid(d, "check-again").Length(), 1, "I have paid, check again")
	assertEqual(t, textOf(t, d, "result-detail"),
		"If you finished paying on the card page, this page updates by itself in a moment. If you left it, continue there: this order can no longer be paid another way.",
		"the card page is the way left")
	assertEqual(t, testid(d, "attempts-used-up-words").Length(), 0, "can no longer be paid, beside a card page that can")

	p := b.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "where the press leads")
	ta.Checkout.Wait()
	assertEqual(t, f.count("inquiryPayment")+f.count("cancel"), 0, "calls to Antom")
	a, err := ta.DB.AttemptByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, a.Status, db.AttemptProcessing, "the open payment")
	assertEqual(t, a.CancelStatus, "", "its cancel")
	assertEqual(t, a.AbandonedAt.IsZero(), true, "left by the buyer")
	assertEqual(t, ta.order(t, ref).Status, db.OrderProcessing, "the order")
	d = html(t, b.get(p.location).body)
	assertEqual(t, testid(d, "continue-card-page").AttrOr("href", ""), cardPage, "still payable on the card page")

	// One attempt short of the bound, leaving makes way for one more.
	ref = b.buy("coffee", "1")
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder-2)
	ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "leave-card-page").Length(), 1, "pay another way, one attempt short of the bound")
	b.post("/orders/"+ref+"/pay-another-way", nil)
	ta.Checkout.Wait()
	if f.count("inquiryPayment") == 0 {
		t.Fatal("pay another way one attempt short of the bound asked Antom nothing")
	}
}

// A card page that has expired on an order whose attempts are used up
// offers neither its page nor another way: the page says what the
// checkout page says, beside "check again".
func TestExpiredCardPageAtTheAttemptBound(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder-1)
	ta.cardAttempt(t, ref, "AUTOMATIC", -time.Minute)
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "card-page", "state")
	assertEqual(t, testid(d, "leave-card-page").Length(), 0, "pay another way offered")
	assertEqual(t, testid(d, "continue-card-page").Length(), 0, "an expired card page offered")
	assertEqual(t, textOf(t, d, "result-detail"), "The card page has expired. If you finished paying there, this page updates by itself in a moment.", "detail")
	assertEqual(t, textOf(t, d, "attempts-used-up-words"), usedUpWords, "the checkout page's words")
}

// The result page of a payment that failed, was not confirmed or was
// cancelled on an order whose attempts are used up offers no way to pay
// (nor to link the refused wallet again to pay with it) that checkout
// would refuse: it says what the checkout page says, in the buyer's
// language, with the shop's contact when it has one, and leads back to
// the shop. One attempt fewer, the same pages offer another way.
func TestResultPageAtTheAttemptBoundOffersNoOtherWay(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("bound.result@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "bound.result@example.com"), "0917****123")
	ways := []string{"pay-another-way", "pay-again", "relink"}

	for _, c := range []struct {
		name, status, code string
		walletID           int64
		state, way         string
	}{
		{"declined", db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", 0, "failed", "pay-another-way"},
		{"wallet unlinked", db.AttemptFail, "INVALID_ACCESS_TOKEN", wallet, "failed", "relink"},
		{"cancelled", db.AttemptCancelled, "ORDER_IS_CANCELED", 0, "cancelled", "pay-again"},
	} {
		for _, n := range []int{checkout.AttemptsPerOrder - 1, checkout.AttemptsPerOrder} {
			ref := b.buy("coffee", "1")
			ta.failedAttempts(t, ref, n-1)
			id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-LAST", Method: db.MethodWallet, WalletID: c.walletID,
				ExpiresAt: ta.now.Add(time.Minute), NextCheckAt: ta.now.Add(time.Hour)})
			ta.settle(t, ref, id, c.status, c.code, "")
			d := html(t, b.get("/orders/"+ref).body)
			assertEqual(t, testid(d, "result").AttrOr("data-status", ""), c.state, c.name+": state")
			if n < checkout.AttemptsPerOrder {
				assertEqual(t, testid(d, c.way).Length(), 1, c.name+": "+c.way+" one attempt short of the bound")
				assertEqual(t, testid(d, "attempts-used-up-words").Length(), 0, c.name+": used-up words one attempt short of the bound")
				continue
			}
			for _, way := range ways {
				assertEqual(t, testid(d, way).Length(), 0, c.name+": "+way+" at the bound")
			}
			if strings.Contains(d.Text(), "Pay another way") {
				t.Errorf("%s: the page at the bound still says Pay another way", c.name)
			}
			assertEqual(t, textOf(t, d, "attempts-used-up-words"), usedUpWords, c.name+": the checkout page's words")
			assertEqual(t, testid(d, "continue-shopping").AttrOr("href", ""), "/", c.name+": back to the shop")
			co := html(t, b.get("/checkout/"+ref).body)
			assertEqual(t, textOf(t, co, "attempts-used-up-words"), usedUpWords, c.name+": the checkout page says the same")
		}
	}

	ref := b.buy("coffee", "1")
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder)
	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/orders/" + ref}})
	th := textOf(t, html(t, b.get("/checkout/"+ref).body), "attempts-used-up-words")
	assertEqual(t, textOf(t, html(t, b.get("/orders/"+ref).body), "attempts-used-up-words"), th, "in Thai, as the checkout page")
	ta.Contact = "help@tea.example"
	words := testid(html(t, b.get("/orders/"+ref).body), "attempts-used-up-words")
	assertEqual(t, words.Find("a").AttrOr("href", ""), "mailto:help@tea.example", "the contact in the sentence")
}

// A card payment that came without a card page is being closed "so that
// this page then lets you pay again" — unless it was the order's last
// attempt: then the page promises no new payment but says what the
// checkout page says.
func TestCardPageNotOpenedAtTheAttemptBound(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, n := range []int{checkout.AttemptsPerOrder - 1, checkout.AttemptsPerOrder} {
		ref := b.buy("coffee", "1")
		ta.failedAttempts(t, ref, n-1)
		ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-NOPAGE", Method: db.MethodCard,
			ExpiresAt: ta.now.Add(14 * time.Minute), NextCheckAt: ta.now.Add(time.Hour)})
		d := html(t, b.get("/orders/"+ref).body)
		assertEqual(t, textOf(t, d, "result-headline-text"), "The card page did not open", "headline")
		if n < checkout.AttemptsPerOrder {
			assertEqual(t, textOf(t, d, "result-detail"), "The payment service did not give us the card page, so none was shown and nothing has been charged. "+
				"We are making sure it closes this payment. This page then lets you pay again.", "one attempt short of the bound")
			assertEqual(t, testid(d, "attempts-used-up-words").Length(), 0, "used-up words one attempt short of the bound")
			continue
		}
		assertEqual(t, textOf(t, d, "result-detail"), "The payment service did not give us the card page, so none was shown and nothing has been charged. "+
			"We are making sure it closes this payment.", "at the bound")
		assertEqual(t, textOf(t, d, "attempts-used-up-words"), usedUpWords, "the checkout page's words")
	}
}
