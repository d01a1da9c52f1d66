package handlers

import (
	"net/url"
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

// Looks we stopped ourselves say nothing of the payment being gone: a
// refused void's alarm still says the authorization holds (unlike after
// an inquiry that said CANCELLED), beside the stopped Capture before line.
func TestVoidRefusedStaysWhenWeStoppedAsking(t *testing.T) {
	ta := newAdminApp(t)
	ta.refusingAntom(t, "PROCESS_FAIL", "Refused at the issuer")
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, id)
	if err := ta.DB.SetAttemptCard(t.Context(), id, "VISA", "4242", time.Time{}, ta.now); err != nil { // no expiry given
		t.Fatal(err)
	}
	staff := ta.client(t)
	staff.staffSignIn()
	noticed(t, staff.post("/admin/orders/"+o.Ref+"/void", url.Values{"confirm": {"yes"}}), "/admin/orders/"+o.Ref)
	if ok, err := ta.DB.StopAuthExpiryLooks(t.Context(), id, 0, ta.now); err != nil || !ok {
		t.Fatalf("stop the looks: %v %v", ok, err)
	}
	d := html(t, staff.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 1, "the refused void's alarm once we stopped asking")
	assertEqual(t, testid(d, "order-capture-by-unknown").AttrOr("data-stopped", ""), "true", "the stopped Capture before line")
}
