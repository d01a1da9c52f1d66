package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/views"
)

// staffCapture records a capture staff sent of an authorized order's
// authorization, settled as status with Antom's code and message
// (PROCESSING: not settled).
func (ta *testApp) staffCapture(t *testing.T, ref, reqID string, amount int64, status, code, message string) {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	a, err := ta.DB.SuccessfulAttempt(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, err := ta.DB.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: reqID,
		Currency: o.Currency, Amount: amount, Status: db.CaptureProcessing, CreatedBy: staffEmail, CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	if status == db.CaptureProcessing {
		return
	}
	if ok, err := ta.DB.SettleCapture(ctx, id, status, code, message, "", ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("settle capture: %v %v", ok, err)
	}
}

// A capture Antom refused on an authorization still open is an alarm:
// the order page says, in red, which capture failed, for how much, when,
// with Antom's code and message, that the money was not taken and that
// the authorization is still open until its expiry; the dashboard counts
// it among open problems, linking the orders filter that lists it with a
// badge.
func TestFailedCaptureAlarmsStaff(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	ref := ta.authorizedOrder(t, "failed-capture@example.com")
	ta.authorizedOrder(t, "fine-authorization@example.com")
	expires := ta.now.Add(7 * 24 * time.Hour)
	o := ta.order(t, ref)
	a, err := ta.DB.SuccessfulAttempt(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.DB.SetAttemptCard(context.Background(), a.ID, "VISA", "4242", expires, ta.now); err != nil {
		t.Fatal(err)
	}
	ta.staffCapture(t, ref, "CAP-"+ref+"-FAILED", 1000, db.CaptureFail, "PROCESS_FAIL", "Capture failed at the issuer")

	p := b.get("/admin/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "order page")
	// Its words as read (a code breaks after its underscores: <wbr>).
	alarm := strings.ReplaceAll(between(t, p.body, `data-testid="capture-failed"`, "</div>"), "<wbr>", "")
	for _, want := range []string{"CAP-" + ref + "-FAILED", "$10.00", "PROCESS_FAIL", "Capture failed at the issuer",
		"The money was not taken.", "The authorization of $37.00 is still open", "until " + views.AdminTime(nil, ta.now.Add(7*24*time.Hour)),
		views.AdminTime(nil, ta.now.Add(time.Minute))} {
		if !strings.Contains(alarm, want) {
			t.Errorf("the alarm does not say %q:\n%s", want, alarm)
		}
	}
	if !strings.Contains(p.body, `class="notice notice-bad" role="alert" data-testid="capture-failed"`) {
		t.Error("the alarm is not red")
	}
	assertContains(t, p.body, `data-testid="capture-form"`) // staff may capture again

	d := b.get("/admin")
	assertContains(t, d.body, `<a href="/admin/orders?status=capture-failed" data-testid="problem-captures-failed">`)
	problem := between(t, d.body, `data-testid="problem-captures-failed"`, "</a>")
	assertContains(t, problem, `<span class="count count-bad">1</span> failed capture `)

	list := b.get("/admin/orders?" + url.Values{"status": {"capture-failed"}}.Encode())
	assertEqual(t, strings.Count(list.body, `data-testid="order-row"`), 1, "orders listed as capture failed")
	assertContains(t, list.body, ref, `data-testid="capture-failed-badge"`)

	// A capture that succeeds after it closes the alarm.
	ta.staffCapture(t, ref, "CAP-"+ref+"-AGAIN", 1000, db.CaptureSuccess, "SUCCESS", "")
	if ok, err := ta.DB.SetOrderStatus(context.Background(), o.ID, db.OrderAuthorized, db.OrderPaid, ta.now); err != nil || !ok {
		t.Fatalf("order to PAID: %v %v", ok, err)
	}
	if p := b.get("/admin/orders/" + ref); strings.Contains(p.body, `data-testid="capture-failed"`) {
		t.Fatalf("the alarm stays once a capture succeeded:\n%s", p.body)
	}
	assertContains(t, b.get("/admin").body, `<span class="count">0</span> failed captures`)
}

// A capture or a void Antom has not confirmed yet reads so in the badges
// — staff's orders list and order page, the buyer's My orders in their
// language — and apart from the open authorizations on the dashboard.
func TestCaptureAndVoidUnderWayBadges(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	capturing := ta.authorizedOrder(t, "being-charged@example.com")
	ta.staffCapture(t, capturing, "CAP-"+capturing, 1000, db.CaptureProcessing, "", "")
	releasing := ta.authorizedOrder(t, "being-released@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, releasing).ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.RequestCancel(context.Background(), a.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("void requested: %v %v", ok, err)
	}
	waiting := ta.authorizedOrder(t, "waiting@example.com")

	list := staff.get("/admin/orders?status=authorized")
	for ref, want := range map[string]string{capturing: "authorized — capturing (not confirmed)", releasing: "authorized — releasing (void not confirmed)", waiting: "authorized<"} {
		row := between(t, list.body, ref+"</a>", "</tr>")
		assertContains(t, row, want)
	}
	assertContains(t, staff.get("/admin/orders/"+capturing).body, `data-pending="capturing">authorized — capturing (not confirmed)</span>`)

	dash := staff.get("/admin")
	tile := between(t, dash.body, `data-testid="open-authorizations"`, "</div>")
	assertContains(t, tile, `data-testid="authorized-USD"`, "$37.00", "1 authorization<",
		`data-testid="authorizations-capturing">1<`, `data-testid="authorizations-releasing">1<`)

	for email, want := range map[string][2]string{
		"being-charged@example.com":  {"Being charged", "กำลังเรียกเก็บเงิน"},
		"being-released@example.com": {"Hold being released", "กำลังปลดวงเงิน"},
	} {
		b := ta.client(t)
		b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}})
		p, _ := b.getIn("/orders", "en")
		assertContains(t, between(t, p.body, `data-testid="order-status"`, "</span>"), want[0])
		p, _ = b.getIn("/orders", "th")
		assertContains(t, textOf(t, html(t, p.body), "order-status"), want[1])
	}
}

// between is the part of s from the first from to the next to after it.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", from, s)
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// After a capture of part of an authorization failed, the capture form
// holds the amount last tried (what the alarm names), not the whole
// authorization: one press must not capture more than staff asked for.
func TestFailedCapturePrefillsTheAmountTried(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	ref := ta.authorizedOrder(t, "part-capture@example.com")
	ta.staffCapture(t, ref, "CAP-"+ref+"-PART", 500, db.CaptureFail, "PROCESS_FAIL", "")

	p := b.get("/admin/orders/" + ref)
	assertContains(t, between(t, p.body, `data-testid="capture-failed"`, "</div>"), "$5.00")
	input := between(t, p.body, `id="capture-amount"`, "/>")
	assertContains(t, input, `value="5.00"`)
}
