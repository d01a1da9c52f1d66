package handlers

import (
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// Once we stopped asking Antom for an authorization's expiry (it never
// gave one, for as long as an authorization can be held), the order's
// page says so where staff read by when to capture — since when, and
// what to do — and the orders list warns to capture soon; neither says
// we keep asking, nor not to ship (Antom said the payment is SUCCESS),
// and the capture form stays.
func TestAdminSaysWhenWeStoppedAskingForTheCaptureBy(t *testing.T) {
	ta := newAdminApp(t)
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, id)
	if err := ta.DB.SetAttemptCard(t.Context(), id, "VISA", "4242", time.Time{}, ta.now); err != nil { // no expiry given
		t.Fatal(err)
	}
	stopped := ta.now.Add(30 * 24 * time.Hour)
	if ok, err := ta.DB.StopAuthExpiryLooks(t.Context(), id, 0, stopped); err != nil || !ok {
		t.Fatalf("stop the looks: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()

	d := html(t, b.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, textOf(t, d, "order-capture-by-unknown"),
		"not known (Antom has not given an expiry; we stopped asking on "+views.AdminTime(stopped)+"; capture soon or look it up at Antom; see the timeline)",
		"the capture-before line once we stopped asking")
	assertEqual(t, testid(d, "capture-form").Length(), 1, "a capture form")

	l := html(t, b.get("/admin/orders?status=authorized").body)
	assertEqual(t, textOf(t, l, "auth-expiry"), "Capture before: not known. We stopped asking Antom — capture soon", "the list's line")
	assertEqual(t, testid(l, "auth-expiry").HasClass("status-warn"), true, "a warning")
}
