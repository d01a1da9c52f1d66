package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// With real Antom the storefront has no test payment and its form's
// address is not there.
func TestNoTestPaymentWithRealAntom(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	if strings.Contains(b.get("/").body, `data-testid="test-payment"`) {
		t.Fatal("the storefront offers a test payment with real Antom")
	}
	p := b.post("/orders/test", url.Values{"amount": {"12.91"}, "currency": {"USD"}})
	assertEqual(t, p.status, http.StatusNotFound, "test payment with real Antom")
	assertEqual(t, ta.orderCount(t), 0, "orders")
}

// On the sandbox the storefront takes a typed amount; a bad one says why
// and keeps what was typed.
func TestTestPaymentOnTheSandbox(t *testing.T) {
	ta := newTestApp(t)
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Options: checkout.Options{TestPayments: true}})
	b := ta.client(t)
	shop := b.get("/").body
	assertContains(t, shop, `data-testid="test-payment"`, `<option value="JPY">JPY</option>`, `action="/orders/test"`)
	// The form's address carries no fragment: a browser keeps it through
	// the redirect, leaving "#test-payment" on the checkout's address.
	if strings.Contains(shop, `action="/orders/test#`) {
		t.Error("the test payment form posts to an address with a fragment")
	}

	bad := b.post("/orders/test", url.Values{"amount": {"12.345"}, "currency": {"USD"}})
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "bad amount")
	assertContains(t, bad.body, `data-testid="test-error"`, "at most 2 digits", `value="12.345"`, `aria-invalid="true"`, "autofocus")
	assertEqual(t, ta.orderCount(t), 0, "orders after a bad amount")

	p := b.post("/orders/test", url.Values{"amount": {"12.92"}, "currency": {"USD"}})
	assertEqual(t, p.status, http.StatusSeeOther, "test payment")
	ref := strings.TrimPrefix(p.location, "/checkout/")
	o := ta.order(t, ref)
	assertEqual(t, o.Amount, int64(1292), "amount")
	assertContains(t, b.get(p.location).body, "$12.92", "Test payment")
}
