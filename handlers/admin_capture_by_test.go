package handlers

import (
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// An authorization whose expiry no answer of Antom's gave says so on
// staff's order page — capture before: not known yet — instead of
// leaving the line out — and, once an answer that said the payment is
// CANCELLED ended the looks for it, not that we keep asking; once the
// expiry is known the page gives it.
func TestAdminOrderSaysWhenTheCaptureByIsNotKnown(t *testing.T) {
	ta := newAdminApp(t)
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, id)
	if err := ta.DB.SetAttemptCard(t.Context(), id, "VISA", "4242", time.Time{}, ta.now); err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	d := html(t, b.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, textOf(t, d, "order-capture-by-unknown"),
		"not known yet (Antom has not given the authorization's expiry; we keep asking)", "unknown expiry")
	assertEqual(t, testid(d, "order-capture-by").Length(), 0, "no time given")
	assertEqual(t, testid(d, "capture-form").Length(), 1, "a capture form")

	// inquiryPayment said CANCELLED: the looks ended, the page does not
	// say we keep asking; a capture or void settles it.
	if ended, err := ta.DB.EndAuthExpiryLook(t.Context(), id, 0, "CANCELLED", ta.now); err != nil || !ended {
		t.Fatalf("end the looks: %v %v", ended, err)
	}
	d = html(t, b.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, textOf(t, d, "order-capture-by-unknown"),
		"not known (Antom's inquiryPayment says the payment is CANCELLED: a capture will likely be refused — do not ship on this authorization; see the timeline)", "unknown expiry, looks ended")
	assertEqual(t, testid(d, "capture-form").Length(), 1, "a capture form once the looks ended")

	expires := ta.now.Add(7 * 24 * time.Hour)
	if _, err := ta.DB.LearnAuthExpiry(t.Context(), id, expires, ta.now); err != nil {
		t.Fatal(err)
	}
	d = html(t, b.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, testid(d, "order-capture-by-unknown").Length(), 0, "known now")
	assertEqual(t, textOf(t, d, "order-capture-by"), asRead(views.AdminTime(nil, expires))+" (the authorization expires then)", "the time given")
}

// The orders list says of an authorization whose expiry Antom has not
// given what its order page says, short: "Capture before: not known
// yet"; once Antom's inquiry ended the looks (the payment is CANCELLED),
// an amber warning not to ship in its place, never a time to capture by;
// once the expiry is known, that time.
func TestAdminOrdersListSaysWhenTheCaptureByIsNotKnown(t *testing.T) {
	ta := newAdminApp(t)
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, id)
	if err := ta.DB.SetAttemptCard(t.Context(), id, "VISA", "4242", time.Time{}, ta.now); err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	note := func() string {
		t.Helper()
		d := html(t, b.get("/admin/orders?status=authorized").body)
		assertEqual(t, testid(d, "order-row").Length(), 1, "one authorized order")
		return textOf(t, d, "auth-expiry")
	}
	assertEqual(t, note(), "Capture before: not known yet", "unknown expiry")

	if ended, err := ta.DB.EndAuthExpiryLook(t.Context(), id, 0, "CANCELLED", ta.now); err != nil || !ended {
		t.Fatalf("end the looks: %v %v", ended, err)
	}
	assertEqual(t, note(), "Capture before: not known. Antom's inquiry says the payment was CANCELLED — do not ship", "unknown expiry, looks ended")
	d := html(t, b.get("/admin/orders?status=authorized").body)
	assertEqual(t, testid(d, "auth-expiry").HasClass("status-warn"), true, "a warning")

	expires := ta.now.Add(7 * 24 * time.Hour)
	if _, err := ta.DB.LearnAuthExpiry(t.Context(), id, expires, ta.now); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, note(), "Capture before "+asRead(views.AdminTime(nil, expires)), "known now")
}
