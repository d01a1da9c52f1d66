package handlers

import (
	"net/http"
	"net/url"
	"testing"
)

// The order page a form comes back to with its error (422) is held —
// news of the order does not redraw it, which would take the error away
// (admin_order.js) — and the page shown plainly is not.
func TestAdminOrderPageHoldsAFormSentBack(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "held@example.com")
	b := ta.client(t)
	b.staffSignIn()
	held := func(body string) int { return testid(html(t, body), "order-live").Filter(`[data-held="1"]`).Length() }

	p := b.get("/admin/orders/" + ref)
	assertEqual(t, held(p.body), 0, "the page shown plainly, held")
	p = b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"99999.00"}, "key": {"KEYHELD"}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "a refund over what is refundable")
	assertEqual(t, held(p.body), 1, "the page with the form sent back, held")
}
