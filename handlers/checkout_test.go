package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"antom-checkout/db"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// An order that is paid or being paid has nothing left to pay: checkout
// sends the buyer to its result page.
func TestCheckoutOfPaidOrProcessingOrderRedirects(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, to := range []string{db.OrderPaid, db.OrderProcessing} {
		ref := b.buy("notebook", "1")
		if ok, err := ta.DB.SetOrderStatus(context.Background(), ta.order(t, ref).ID, db.OrderOpen, to, ta.now); err != nil || !ok {
			t.Fatalf("set status: %v %v", ok, err)
		}
		p := b.get("/checkout/" + ref)
		assertEqual(t, p.status, http.StatusSeeOther, "checkout of a "+to+" order")
		assertEqual(t, p.location, "/orders/"+ref, "redirect")
	}
}

func TestCheckoutOffersTheBuyersWallets(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("wallets@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "wallets@example.com"), "0917****123")
	ref := b.buy("coffee", "2")

	p := b.get("/checkout/" + ref)
	assertEqual(t, p.status, http.StatusOK, "checkout")
	assertContains(t, p.body, `data-testid="order-total">$37.00<`,
		`action="/checkout/`+ref+`/pay"`, `name="wallet" value="`+itoa(wallet)+`"`,
		`data-testid="pay-wallet-`+itoa(wallet)+`"`, "Pay with GCash 0917****123",
		`action="/wallets/link"`, `name="return_to" value="/checkout/`+ref+`"`, "Link another wallet")

	// A wallet that is not one of the buyer's active wallets is refused
	// before anything is sent to Antom.
	for _, w := range []string{"999", "abc", ""} {
		p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {w}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "pay with wallet "+w)
		assertContains(t, p.body, `data-testid="pay-error"`, "This wallet can no longer be used.", `data-testid="pay-wallet-`)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderOpen, "order after refused payments")

	// Once the order is paid there is no checkout to show again.
	if ok, err := ta.DB.SetOrderStatus(context.Background(), ta.order(t, ref).ID, db.OrderOpen, db.OrderPaid, ta.now); err != nil || !ok {
		t.Fatalf("set status: %v %v", ok, err)
	}
	p = b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {"999"}})
	assertEqual(t, p.status, http.StatusSeeOther, "paying a paid order")
	assertEqual(t, p.location, "/orders/"+ref, "redirect")
}
