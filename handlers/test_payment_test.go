package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

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
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Options: checkout.Options{TestPayments: true, PasswordCost: bcrypt.MinCost}})
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

// In a language whose decimal mark is a comma (Indonesian), the test
// payment reads "12,91" as well as "12.91", shows its examples with a
// comma, and refuses "1.291" (1291 or 1,291?) saying why, creating
// nothing; in English "12,91" is still refused.
func TestTestPaymentReadsTheLanguagesDecimalMark(t *testing.T) {
	ta := newTestApp(t)
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Options: checkout.Options{TestPayments: true, PasswordCost: bcrypt.MinCost}})
	b := ta.client(t)
	assertEqual(t, b.post("/lang", url.Values{"lang": {"id"}, "next": {"/"}}).status, http.StatusSeeOther, "switch to Indonesian")
	assertContains(t, b.get("/").body, `placeholder="12,91"`, "berakhiran ,91, ,92, ,93, atau ,94")

	for _, bad := range []struct{ amount, says string }{
		{"1.291", "Tulis jumlah tanpa pemisah ribuan, misalnya 12,50."},
		{"1.291,50", "Tulis jumlah tanpa pemisah ribuan, misalnya 12,50."},
		{"12,9,1", "Masukkan angka, misalnya 12,50."}, // no thousands grouped: no number
		{"12;91", "Masukkan angka, misalnya 12,50."},
		{"12,915", "paling banyak 2 angka di belakang tanda desimal"},
	} {
		p := b.post("/orders/test", url.Values{"amount": {bad.amount}, "currency": {"USD"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, bad.amount)
		assertContains(t, p.body, `data-testid="test-error"`, bad.says, `value="`+bad.amount+`"`)
	}
	assertEqual(t, ta.orderCount(t), 0, "orders after refused amounts")

	for _, good := range []struct {
		amount, currency string
		minor            int64
	}{{"12,91", "USD", 1291}, {"12.91", "USD", 1291}, {"0,5", "USD", 50}, {"1291", "JPY", 1291}} {
		p := b.post("/orders/test", url.Values{"amount": {good.amount}, "currency": {good.currency}})
		assertEqual(t, p.status, http.StatusSeeOther, good.amount)
		assertEqual(t, ta.order(t, strings.TrimPrefix(p.location, "/checkout/")).Amount, good.minor, good.amount)
	}

	en := ta.client(t)
	assertContains(t, en.get("/").body, `placeholder="12.91"`, "ending in .91, .92, .93 or .94")
	p := en.post("/orders/test", url.Values{"amount": {"12,91"}, "currency": {"USD"}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "a comma in English")
	assertContains(t, p.body, "Enter a number, like 12.50.")
}

// A test payment with an amount to correct likewise says so (422) and
// counts toward no order limit.
func TestInvalidTestPaymentsDoNotUseUpTheOrderLimits(t *testing.T) {
	ta := newTestApp(t)
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Options: checkout.Options{TestPayments: true, PasswordCost: bcrypt.MinCost}})
	guest := ta.client(t)
	for range checkout.OrdersPerAddress + 1 {
		p := guest.post("/orders/test", url.Values{"amount": {"12.345"}, "currency": {"USD"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "an invalid test payment")
		assertContains(t, p.body, `data-testid="test-error"`, "at most 2 digits")
	}
	assertEqual(t, ta.orderCount(t), 0, "orders after invalid test payments")
	p := guest.post("/orders/test", url.Values{"amount": {"12.92"}, "currency": {"USD"}})
	assertEqual(t, p.status, http.StatusSeeOther, "a test payment after invalid ones")
}
