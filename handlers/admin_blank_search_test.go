package handlers

import (
	"net/http"
	"testing"
)

// A staff search or filter field of nothing but spaces says so, as an
// unknown one does, never an empty answer with no word: the wallets'
// email (blank: 400, nothing looked up, the form again), the orders'
// search (left out, the list as without it, saying so), a lookup id of
// spaces (refused, saying what to enter).
func TestAdminBlankSearchesSaySo(t *testing.T) {
	ta := newAdminApp(t)
	ta.paidOrder(t, "listed@example.com")
	b := ta.client(t)
	b.staffSignIn()

	for _, q := range []string{"%20", "%20%20%09", ""} {
		p := b.get("/admin/wallets?email=" + q)
		assertEqual(t, p.status, http.StatusBadRequest, "a blank wallets search ("+q+")")
		d := html(t, p.body)
		assertEqual(t, textOf(t, d, "wallets-blank"), "Enter a buyer's email to find their wallets and cards: the search was blank.", "what it says")
		assertEqual(t, testid(d, "no-buyer").Length()+testid(d, "buyer-email").Length(), 0, "a result of a blank search")
		assertEqual(t, testid(d, "wallets-email").Length(), 1, "the form")
	}
	d := html(t, b.get("/admin/wallets").body)
	assertEqual(t, testid(d, "wallets-blank").Length(), 0, "a complaint on the page before any search")

	p := b.get("/admin/orders?q=%20%20")
	assertEqual(t, p.status, http.StatusOK, "a blank orders search")
	d = html(t, p.body)
	assertEqual(t, textOf(t, d, "orders-blank-q"), "The search held only spaces, so it was left out: the orders below are listed as without a search.", "what it says")
	assertEqual(t, testid(d, "order-link").Length(), 1, "orders listed")
	assertEqual(t, testid(html(t, b.get("/admin/orders").body), "orders-blank-q").Length(), 0, "the note without a search")

	p = b.lookup("   ")
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "a blank lookup id")
	assertContains(t, p.body, "Enter a refundRequestId or a refundId")
}
