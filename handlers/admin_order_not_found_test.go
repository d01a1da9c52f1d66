package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// A staff member's order page of a reference no order has names the
// reference and links to the order list's search for it (one in lower
// case or with a space is sent to the order first); an address
// that does not read as a reference gets the plain 404.
func TestAdminOrderPageOfAnUnknownRefSaysSo(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()

	p := staff.get("/admin/orders/ORD-20261207-NOPE")
	assertEqual(t, p.status, http.StatusNotFound, "an unknown ref")
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "error-message"), "There is no order ORD-20261207-NOPE. Check its reference; the order list's search finds an order by a part of it.", "its words")
	assertEqual(t, testid(d, "error-link").AttrOr("href", ""), "/admin/orders?q=ORD-20261207-NOPE", "its search")

	// A ref in lower case, or with a space after it, is sent to the order.
	ref, _ := ta.paidOrder(t, "lower@example.com")
	for _, typed := range []string{strings.ToLower(ref), ref + "%20"} {
		p = staff.get("/admin/orders/" + typed)
		assertEqual(t, p.status, http.StatusSeeOther, typed)
		assertEqual(t, p.location, "/admin/orders/"+ref, typed+": to the order")
	}
	assertEqual(t, staff.get("/admin/orders/"+ref).status, http.StatusOK, "the order")

	p = staff.get("/admin/orders/%3Cb%3Eno%3C%2Fb%3E")
	assertEqual(t, p.status, http.StatusNotFound, "not a ref")
	assertEqual(t, testid(html(t, p.body), "error-link").Length(), 0, "a search of what is not a ref")
}
