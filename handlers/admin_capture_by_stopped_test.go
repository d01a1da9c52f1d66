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
// page says so where staff read by when to capture — since when, that
// the authorization has most likely ended, to look the payment up at
// Antom before capturing, and that a capture will likely be refused —
// and the orders list warns the same in short; neither says we keep
// asking, nor to capture soon, and the capture form stays (Antom never
// said the hold ended).
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
		"not known (Antom never gave an expiry, and we stopped asking on "+asRead(views.AdminTime(nil, stopped))+": the authorization has most likely ended — "+
			"look the payment up in Antom Dashboard (its paymentId is under Payment attempts) before capturing; a capture will likely be refused; see the timeline)",
		"the capture-before line once we stopped asking")
	assertEqual(t, testid(d, "capture-form").Length(), 1, "a capture form")

	l := html(t, b.get("/admin/orders?status=authorized").body)
	assertEqual(t, textOf(t, l, "auth-expiry"), "Capture before: not known. We stopped asking Antom — most likely ended: look it up before capturing", "the list's line")
	assertEqual(t, testid(l, "auth-expiry").HasClass("status-warn"), true, "a warning")
}

// Looks we stopped ourselves are no word of Antom's that the payment is
// gone (unlike an inquiry that said CANCELLED): a refused capture's and
// a refused void's alarms stay beside the stopped Capture before line,
// but say what it says — the authorization may no longer hold, has most
// likely ended, look the payment up before capturing — not that it
// still holds.
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
	noticed(t, staff.confirm("/admin/orders/"+o.Ref+"/capture", url.Values{"amount": {"3000"}}), "/admin/orders/"+o.Ref)
	noticed(t, staff.confirm("/admin/orders/"+o.Ref+"/void", nil), "/admin/orders/"+o.Ref)
	d := html(t, staff.get("/admin/orders/"+o.Ref).body)
	assertContains(t, textOf(t, d, "void-refused-held"), "still holds on the buyer's card")
	assertContains(t, textOf(t, d, "capture-failed-held"), "is still open on the buyer's card")

	if ok, err := ta.DB.StopAuthExpiryLooks(t.Context(), id, 0, ta.now); err != nil || !ok {
		t.Fatalf("stop the looks: %v %v", ok, err)
	}
	d = html(t, staff.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 1, "the refused void's alarm once we stopped asking")
	assertEqual(t, testid(d, "order-capture-by-unknown").AttrOr("data-stopped", ""), "true", "the stopped Capture before line")
	stopped := asRead(views.AdminTime(nil, ta.now))
	assertEqual(t, textOf(t, d, "void-refused-held"), "Nothing was released. The authorization of ¥5,800 may no longer hold on the buyer's card: "+
		"we stopped asking Antom for its expiry on "+stopped+", and it has most likely ended. Look the payment up in Antom Dashboard "+
		"before you capture it (a capture will likely be refused) or void it again. The timeline has the details.", "the void alarm's words")
	assertEqual(t, textOf(t, d, "capture-failed-held"), "The money was not taken. The authorization of ¥5,800 may no longer be open on the buyer's card: "+
		"we stopped asking Antom for its expiry on "+stopped+", and it has most likely ended. Look the payment up in Antom Dashboard "+
		"before you capture again (a capture will likely be refused) or void it.", "the capture alarm's words")
}
