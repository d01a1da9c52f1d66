package handlers

import (
	"net/url"
	"strings"
	"testing"
)

// A hand-made buyer form that sends a field twice — an order for two
// products at once, a pay with two wallets, two languages — is refused
// with 422 and a clear reason in the buyer's language, and nothing
// changes: before, the handler read the first value and dropped the
// rest (an order for the coffee alone).
func TestRepeatedFieldIsRefused(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	const email = "repeated@example.com"
	b.signUp(email)
	wallet := ta.insertWallet(t, ta.buyerID(t, email), "0917****123")
	ref := b.buy("coffee", "1")
	const said = "The form sent a field more than once, so it was refused and nothing was changed."
	for _, tt := range []struct {
		path string
		form url.Values
	}{
		{"/orders", url.Values{"product": {"coffee", "mug"}, "quantity": {"1", "2"}}},
		{"/orders", url.Values{"product": {"coffee"}, "quantity": {"1", "2"}}},
		{"/checkout/" + ref + "/pay", url.Values{"wallet": {itoa(wallet), itoa(wallet)}}},
		{"/checkout/" + ref + "/card", url.Values{"keep": {"1", "1"}}},
		{"/wallets/link", url.Values{"wallet": {"GCASH", "DANA"}}},
		{"/lang", url.Values{"lang": {"ko", "th"}, "next": {"/"}}},
	} {
		orders, attempts, links := ta.count(t, "SELECT COUNT(*) FROM orders"), ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), ta.count(t, "SELECT COUNT(*) FROM link_attempts")
		p := b.post(tt.path, tt.form)
		what := tt.path + " " + tt.form.Encode()
		assertEqual(t, p.status, 422, what+": status")
		if !strings.Contains(asRead(html(t, p.body).Text()), said) {
			t.Errorf("%s: the page does not say %q:\n%s", what, said, p.body)
		}
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM orders"), orders, what+": orders")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), attempts, what+": payments")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM link_attempts"), links, what+": link attempts")
	}
	// The language stayed; the same form with each field once works.
	assertEqual(t, html(t, b.get("/").body).Find("html").AttrOr("lang", ""), "en", "the language after a refused switch")
	if p := b.post("/orders", url.Values{"product": {"mug"}, "quantity": {"2"}}); p.status != 303 {
		t.Fatalf("an order with each field once answered %d:\n%s", p.status, p.body)
	}
}

// Staff forms refuse a field sent twice as the buyer's do (422, in
// English, nothing changed): a handler's PostForm would act on the first
// — a staff account for the first of two emails, a refund's confirmation
// for the first of two amounts.
func TestStaffRepeatedFieldIsRefused(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "repeated-staff@example.com")
	authorized := ta.authorizedOrder(t, "repeated-hold@example.com")
	b := ta.client(t)
	b.staffSignIn()
	const said = "The form sent a field more than once, so it was refused and nothing was changed."
	for _, tt := range []struct {
		path string
		form url.Values
	}{
		{"/admin/staff", url.Values{"email": {"new@staff.example", "other@staff.example"}}},
		{"/admin/orders/" + ref + "/refunds", url.Values{"key": {"KEYTWICE"}, "amount": {"1.00", "10.00"}}},
		{"/admin/orders/" + authorized + "/capture", url.Values{"amount": {"1.00", "8.88"}}},
		{"/admin/refunds/lookup", url.Values{"id": {"x", "y"}}},
	} {
		staff, refunds := ta.count(t, "SELECT COUNT(*) FROM staff"), ta.count(t, "SELECT COUNT(*) FROM refunds")
		calls := f.count("inquiryRefund")
		p := b.post(tt.path, tt.form)
		what := tt.path + " " + tt.form.Encode()
		assertEqual(t, p.status, 422, what+": status")
		if !strings.Contains(asRead(html(t, p.body).Text()), said) {
			t.Errorf("%s: the page does not say %q:\n%s", what, said, p.body)
		}
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff"), staff, what+": staff")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), refunds, what+": refunds")
		assertEqual(t, f.count("inquiryRefund"), calls, what+": refund lookups sent")
	}
}
