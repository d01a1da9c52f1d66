package handlers

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A void Antom refused (F, PROCESS_FAIL) stays said on staff's order
// page, read plainly (no ?notice=) and in the long-poll's body: which
// code and message, when, that nothing was released and that the
// authorization still holds — the void form offered again. A capture
// sent since settles it (refused: its own alarm says what to do; under
// way: its line says so); a void refused again brings it back.
func TestVoidRefusedStaysOnTheOrderPage(t *testing.T) {
	ta := newAdminApp(t)
	ta.refusingAntom(t, "PROCESS_FAIL", "Refused at the issuer")
	staff := ta.client(t)
	staff.staffSignIn()
	ref := ta.authorizedOrder(t, "void-refused-stays@example.com")
	noticed(t, staff.confirm("/admin/orders/"+ref+"/void", nil), "/admin/orders/"+ref)

	d := html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "void-refused").AttrOr("role", ""), "status", "the alarm, not the news of an action just sent")
	assertEqual(t, textOf(t, d, "void-refused-code"), "PROCESS_FAIL", "Antom's code")
	assertEqual(t, textOf(t, d, "void-refused-message"), "Refused at the issuer", "Antom's message")
	assertEqual(t, textOf(t, d, "void-refused-held"),
		"Nothing was released. The authorization of $37.00 still holds on the buyer's card: capture it or void it again. The timeline has the details.", "what it means")
	assertEqual(t, testid(d, "void-form").Length(), 1, "the void offered again")
	assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), "authorized", "the badge")

	var live adminOrderStatus
	if err := json.Unmarshal([]byte(staff.get("/admin/orders/"+ref+"/status?seen=x").body), &live); err != nil {
		t.Fatal(err)
	}
	assertContains(t, live.HTML, `data-testid="void-refused"`, "Refused at the issuer")
	list := staff.get("/admin/orders?" + url.Values{"status": {"void-refused"}}.Encode()).body
	assertContains(t, list, ref, `data-testid="void-refused-badge"`)
	dash := html(t, staff.get("/admin").body)
	assertEqual(t, testid(dash, "problem-voids-refused").AttrOr("href", ""), "/admin/orders?status=void-refused", "the dashboard's link")
	assertContains(t, textOf(t, dash, "problem-voids-refused"), "1 refused void")

	ta.now = ta.now.Add(time.Minute)
	ta.staffCapture(t, ref, "CAP-"+ref+"-1", 3700, db.CaptureFail, "PROCESS_FAIL", "no")
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 0, "a capture refused since")
	if list := staff.get("/admin/orders").body; strings.Contains(list, `data-testid="void-refused-badge"`) {
		t.Fatalf("the list's badge stays after a capture was sent:\n%s", list)
	}
	assertEqual(t, testid(d, "capture-failed").Length(), 1, "the capture's alarm")

	ta.now = ta.now.Add(time.Minute)
	noticed(t, staff.confirm("/admin/orders/"+ref+"/void", nil), "/admin/orders/"+ref)
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 1, "a void refused again")

	ta.now = ta.now.Add(time.Minute)
	ta.staffCapture(t, ref, "CAP-"+ref+"-2", 3700, db.CaptureProcessing, "", "")
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 0, "a capture under way since")
}

// A cancel of the authorization that ended FAIL without a refused void
// recorded (a cancel in doubt that did not take effect:
// EndCancelDoubt) is no void staff sent: the order page raises no void
// alarm for it.
func TestCancelFailedIsNoRefusedVoid(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ref := ta.authorizedOrder(t, "cancel-failed@example.com")
	a, err := ta.DB.SuccessfulAttempt(t.Context(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.RequestCancel(t.Context(), a.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("request cancel: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetCancelStatus(t.Context(), a.ID, db.CancelFail, time.Time{}, ta.now); err != nil || !ok {
		t.Fatalf("cancel FAIL: %v %v", ok, err)
	}
	body := staff.get("/admin/orders/" + ref).body
	if strings.Contains(body, `data-testid="void-refused"`) {
		t.Fatalf("a void alarm for a cancel that was no void:\n%s", body)
	}
}

// A refused void's alarm says the authorization still holds only while
// nothing says otherwise: once Antom's inquiryPayment said the payment is
// CANCELLED (the expiry looks it ended), the page says that instead and
// never tells staff to capture or void a hold Antom says is gone.
func TestVoidRefusedGivesWayToAnInquirySayingCancelled(t *testing.T) {
	ta := newAdminApp(t)
	ta.refusingAntom(t, "PROCESS_FAIL", "Refused at the issuer")
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, id)
	if err := ta.DB.SetAttemptCard(t.Context(), id, "VISA", "4242", time.Time{}, ta.now); err != nil { // its authExpiryTime not given
		t.Fatal(err)
	}
	staff := ta.client(t)
	staff.staffSignIn()
	noticed(t, staff.confirm("/admin/orders/"+o.Ref+"/void", nil), "/admin/orders/"+o.Ref)
	d := html(t, staff.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, testid(d, "void-refused").Length(), 1, "the refused void's alarm")

	if ended, err := ta.DB.EndAuthExpiryLook(t.Context(), id, 0, "CANCELLED", ta.now); err != nil || !ended {
		t.Fatalf("end the looks: %v %v", ended, err)
	}
	page := staff.get("/admin/orders/" + o.Ref)
	d = html(t, page.body)
	assertEqual(t, testid(d, "void-refused").Length(), 0, "the refused void's alarm once Antom says the payment is CANCELLED")
	assertContains(t, page.body, "Antom's inquiryPayment says the payment is CANCELLED")
	if strings.Contains(page.body, "still holds on the buyer's card") {
		t.Fatalf("the page says the authorization still holds:\n%s", page.body)
	}
}

// Antom's message quoted in an alarm gives its times as staff read every
// other time, in UTC, not with Antom's offset.
func TestAlarmQuotesAntomsTimesInUTC(t *testing.T) {
	ta := newAdminApp(t)
	ta.refusingAntom(t, "PROCESS_FAIL", "not after 2026-12-05T18:53:06+08:00")
	staff := ta.client(t)
	staff.staffSignIn()
	ref := ta.authorizedOrder(t, "void-refused-time@example.com")
	noticed(t, staff.confirm("/admin/orders/"+ref+"/void", nil), "/admin/orders/"+ref)
	d := html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "void-refused-message"), "not after 5 Dec 2026 10:53:06 UTC", "Antom's message in the alarm")
}
