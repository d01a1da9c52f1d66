package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// quarantinedPayment receives a signed PAYMENT_RESULT for the paid order
// ref whose amount does not match ours — quarantined on the order, and
// quarantined again by any replay — and returns its inbox row's id.
func (ta *testApp) quarantinedPayment(t *testing.T, ref string) int64 {
	t.Helper()
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"9999"}}`, ref, ref)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	rows, err := ta.DB.RecentNotifications(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, rows[0].Verdict, checkout.VerdictQuarantined, "an amount that does not match")
	return rows[0].ID
}

// A quarantined notification no replay can resolve is marked reviewed by
// staff, with a note: it leaves the dashboard's quarantined count and the
// quarantined filter, its entry and the order's timeline say who, when
// and the note, and nothing else changes. The note follows the rules of
// staff's other notes; a form sent twice writes once; a cross-site post
// does nothing.
func TestAdminMarkReviewed(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	id := ta.quarantinedPayment(t, ref)
	b := ta.client(t)
	b.staffSignIn()
	assertContains(t, b.get("/admin").body, `data-testid="problem-quarantined"`, `>1</span> quarantined notification`)

	one := fmt.Sprintf("/admin/notifications/%d", id)
	action := one + "/review"
	p := b.get(one)
	assertContains(t, p.body, `data-testid="review-form"`, "Mark reviewed")
	form := formFields(t, p.body, action)
	assertEqual(t, form.Get("back"), one, "the form returns to its page")

	events := ta.count(t, "SELECT COUNT(*) FROM events")
	for note, want := range map[string]string{
		strings.Repeat("x", 201):  "At most 200 characters.",
		"checked\nwith Antom":     "One line of text",
		"checked\u0007":           "One line of text",
		"checked\u202ewith Antom": "Plain text only",
	} {
		p = b.post(action, url.Values{"back": {one}, "note": {note}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, fmt.Sprintf("note %q", note))
		assertContains(t, p.body, `data-testid="review-error"`, want)
	}
	req, err := http.NewRequest(http.MethodPost, b.base+action, strings.NewReader("note=x"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := b.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	assertEqual(t, resp.StatusCode, http.StatusForbidden, "cross-site post")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM notifications WHERE reviewed_at != ''"), 0, "reviewed by refused forms")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, "timeline lines of refused forms")

	const note = "Checked in Antom Dashboard: $37.00 stands"
	form.Set("note", "  "+note+" ")
	p = b.post(action, form)
	got := b.get(noticed(t, p, one)).body
	assertContains(t, got, fmt.Sprintf("Marked notification #%d reviewed: it no longer counts as waiting for staff.", id),
		`data-testid="reviewed"`, "Marked reviewed <span>by <span>"+wholeEmail(staffEmail)+"</span> on ", "“"+note+"”", "quarantined, reviewed")
	if strings.Contains(got, `data-testid="review-form"`) {
		t.Fatal("a reviewed row still offers Mark reviewed")
	}
	assertContains(t, b.get("/admin").body, `>0</span> quarantined notifications`)
	if list := b.get("/admin/notifications?verdict=quarantined").body; strings.Contains(list, fmt.Sprintf(`data-id="%d"`, id)) {
		t.Fatal("the quarantined filter lists a reviewed row")
	}
	line := fmt.Sprintf("quarantined notification #%d (PAYMENT_RESULT) marked reviewed: “%s”", id, note)
	assertContains(t, b.get("/admin/orders/"+ref).body, line)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND actor = ? AND detail LIKE ?",
		checkout.OrderSubject(ref), staffEmail, line+"%"), 1, "the timeline line")
	o, err := ta.DB.OrderByRef(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, o.Status, "PAID", "the order")

	// Sent again (a second click, Back and send): a neutral note, nothing
	// written twice.
	p = b.post(action, form)
	assertEqual(t, strings.Join(pageNotices(t, b, noticed(t, p, one)), "|"),
		fmt.Sprintf("note: Marked once: you had already marked notification #%d reviewed. Nothing was written again.", id), "sent again")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE detail LIKE ?", line+"%"), 1, "timeline lines after a second send")

	// A row that is not quarantined cannot be marked; one there is not is 404.
	p = b.post(fmt.Sprintf("/admin/notifications/%d/review", id+100), url.Values{"back": {one}})
	assertEqual(t, p.status, http.StatusNotFound, "an unknown row")
}

// A quarantined row whose replay is quarantined again is marked reviewed
// on the replay, which holds the problem: both rows then read reviewed,
// the count drops to 0. A removed staff member cannot mark one: their
// form signs them out and marks nothing.
func TestAdminMarkReviewedReplayAndRemovedStaff(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	first := ta.quarantinedPayment(t, ref)
	admin := ta.client(t)
	admin.staffSignIn()
	p := admin.post(fmt.Sprintf("/admin/notifications/%d/replay", first), url.Values{"back": {"/admin/notifications"}})
	assertEqual(t, p.status, http.StatusSeeOther, "replay")
	rows, err := ta.DB.RecentNotifications(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	replay := rows[0].ID
	assertEqual(t, rows[0].Verdict, checkout.VerdictQuarantined, "the replay, quarantined again")
	if strings.Contains(admin.get(fmt.Sprintf("/admin/notifications/%d", first)).body, `data-testid="review-form"`) {
		t.Fatal("the row its replay took over offers Mark reviewed")
	}

	// A member removed while their page is open.
	const email, own = "leaver@shop.example", "leaver's own password"
	password := admin.addStaff(email)
	member := ta.client(t)
	member.post("/admin/signin", url.Values{"email": {email}, "password": {password}})
	member.post("/admin/password", url.Values{"current": {password}, "new": {own}, "confirm": {own}})
	action := fmt.Sprintf("/admin/notifications/%d/review", replay)
	form := formFields(t, member.get(fmt.Sprintf("/admin/notifications/%d", replay)).body, action)
	path := fmt.Sprintf("/admin/staff/%d/remove", ta.staffID(t, email))
	done := admin.post(path, confirmForm(t, admin.ask(path, nil).body))
	assertEqual(t, done.status, http.StatusSeeOther, "remove")
	form.Set("note", "looked")
	p = member.post(action, form)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/admin/signin") {
		t.Fatalf("a removed member's Mark reviewed: %d %q", p.status, p.location)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM notifications WHERE reviewed_at != ''"), 0, "reviewed by a removed member")

	p = admin.post(action, url.Values{"back": {"/admin/notifications?verdict=quarantined"}, "note": {""}})
	noticed(t, p, "/admin/notifications?verdict=quarantined")
	assertContains(t, admin.get("/admin").body, `>0</span> quarantined notifications`)
	assertContains(t, admin.get(fmt.Sprintf("/admin/notifications/%d", first)).body, "quarantined, reviewed in its replay",
		fmt.Sprintf("was marked reviewed <span>by <span>%s</span> on ", wholeEmail(staffEmail)))
	assertContains(t, admin.get("/admin/orders/"+ref).body,
		fmt.Sprintf("quarantined notification #%d (PAYMENT_RESULT) marked reviewed — nothing changed here, no money moved", replay))
}
