package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// tooManyOrders is the storefront's words for a "Buy" past the order
// limits (lang/catalog/en.toml, shop.error_too_many), up to the time.
const tooManyOrders = "Too many orders were started from this browser or network in a short time, so this one was not created. Try again "

// "Buy" pressed by one browser past checkout.OrdersPerVisitor within
// checkout.OrderWindow, or from one address past OrdersPerAddress by any
// browsers (a script without cookies is a new guest each time), answers
// 429 on the storefront, in the buyer's language and saying when, and
// makes nothing: no order, and for a browser without one, no session.
// Once the window has passed, it orders again.
func TestOrderCreationIsBoundedPerVisitorAndAddress(t *testing.T) {
	ta := newTestApp(t)
	buy := url.Values{"product": {"coffee"}, "quantity": {"1"}}
	guest := ta.client(t)
	// A browser's first order counts to its address only: it has no
	// session to count by until that order makes one.
	for range checkout.OrdersPerVisitor + 1 {
		guest.buy("coffee", "1")
	}
	made := countOrders(t, ta)
	p := guest.post("/orders", buy)
	assertEqual(t, p.status, http.StatusTooManyRequests, "a guest's order past its limit")
	assertContains(t, p.body, tooManyOrders+retryShown(ta.now, ta.now.Add(checkout.OrderWindow)))
	assertEqual(t, html(t, p.body).Find("[aria-invalid=true]").Length(), 0, "fields marked wrong on the refusal (nothing of the form was)")
	assertEqual(t, countOrders(t, ta), made, "orders after the refused one")
	guest.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}})
	th := textOf(t, html(t, guest.post("/orders", buy).body), "order-error")
	if !strings.HasPrefix(th, "มีการเริ่มคำสั่งซื้อจากเบราว์เซอร์หรือเครือข่ายนี้มากเกินไป") {
		t.Fatalf("the refusal in Thai: %q", th)
	}

	// Other browsers from the same address, each without cookies, up to
	// the address's limit (the refused presses above counted nothing).
	for range checkout.OrdersPerAddress - checkout.OrdersPerVisitor - 1 {
		ta.client(t).buy("coffee", "1")
	}
	made = countOrders(t, ta)
	fresh := ta.client(t)
	p = fresh.post("/orders", buy)
	assertEqual(t, p.status, http.StatusTooManyRequests, "a new browser's order past the address's limit")
	assertContains(t, p.body, tooManyOrders)
	assertEqual(t, countOrders(t, ta), made, "orders after the refused one")
	u, _ := url.Parse(fresh.base)
	assertEqual(t, len(fresh.http.Jar.Cookies(u)), 0, "cookies a refused new browser was given")

	ta.now = ta.now.Add(checkout.OrderWindow + time.Second)
	guest.buy("coffee", "1")
	fresh.buy("coffee", "1")
}

// A press of "Buy" with a quantity or product to correct says so (422)
// and changes nothing: no order, no session for a new browser, and it
// counts toward neither the visitor's nor the address's order limit —
// more of them than both limits, and the browser still orders.
func TestInvalidBuysDoNotUseUpTheOrderLimits(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	before := ta.dump(t)
	bad := []url.Values{
		{"product": {"coffee"}, "quantity": {"0"}},
		{"product": {"coffee"}, "quantity": {"eleven"}},
		{"product": {"coffee"}, "quantity": {"11"}},
		{"product": {"no-such-product"}, "quantity": {"1"}},
	}
	for i := range checkout.OrdersPerAddress + 1 {
		form := bad[i%len(bad)]
		p := guest.post("/orders", form)
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "an invalid Buy "+form.Encode())
		want := "Choose a quantity of Single-origin coffee beans from 1 to 10."
		if form.Get("product") != "coffee" {
			want = "This product is not in the catalogue."
		}
		assertEqual(t, textOf(t, html(t, p.body), "order-error"), want, "the error of "+form.Encode())
	}
	u, _ := url.Parse(guest.base)
	assertEqual(t, len(guest.http.Jar.Cookies(u)), 0, "cookies invalid Buys gave a new browser")
	if after := ta.dump(t); after != before {
		t.Errorf("invalid Buys changed the database:\n%s", after)
	}
	guest.buy("coffee", "1")
}

// countOrders counts every order, as staff's list pages them.
func countOrders(t *testing.T, ta *testApp) int {
	t.Helper()
	n := 0
	for page := 1; ; page++ {
		l, err := ta.Checkout.AdminOrders(context.Background(), checkout.OrderFilter{Page: page})
		if err != nil {
			t.Fatal(err)
		}
		n += len(l.Items)
		if !l.HasNext {
			return n
		}
	}
}
