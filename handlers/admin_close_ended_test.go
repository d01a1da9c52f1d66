package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// An authorization that ended uncaptured and whose asks of Antom stopped:
// the dashboard counts it with a link to its filter, the list flags it,
// and its page offers to close it; the form asks to be confirmed, the
// confirmation closes it as expired (the buyer's page says it expired,
// the timeline who closed it), and the confirmation pressed again is
// refused, changing nothing.
func TestStaffCloseEndedAuthorizationWhoseAsksStopped(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref := ta.authorizedOrder(t, "asks-stopped@example.com")
	o := ta.order(t, ref)
	var id int64
	check(t, ta.DB.Raw().QueryRowContext(ctx, "SELECT id FROM payment_attempts WHERE order_id = ?", o.ID).Scan(&id))
	if ok, err := ta.DB.LearnAuthExpiry(ctx, id, ta.now.Add(-time.Hour), ta.now); err != nil || !ok {
		t.Fatalf("expiry: %v %v", ok, err)
	}
	if ok, err := ta.DB.StopEndChecks(ctx, id, 0, ta.now); err != nil || !ok {
		t.Fatalf("stop the asks: %v %v", ok, err)
	}
	staff := ta.client(t)
	staff.staffSignIn()
	d := html(t, staff.get("/admin").body)
	assertEqual(t, testid(d, "problem-asks-stopped").AttrOr("href", ""), "/admin/orders?status=asks-stopped", "the dashboard's link")
	assertContains(t, testid(d, "problem-asks-stopped").Text(), "1 order whose authorization ended and Antom never said whether it was captured")
	l := html(t, staff.get("/admin/orders?status=asks-stopped").body)
	assertEqual(t, testid(l, "asks-stopped-badge").Length(), 1, "the list's badge")

	order := "/admin/orders/" + ref
	page := html(t, staff.get(order).body)
	assertEqual(t, textOf(t, page, "close-ended-submit"), "Close: I checked Antom Dashboard, nothing was captured", "the order page's button")
	action := order + "/close-ended"
	first := staff.post(action, nil)
	assertEqual(t, first.status, http.StatusSeeOther, "the form: to its confirmation")
	asked := staff.get(first.location)
	assertEqual(t, asked.status, http.StatusOK, "the confirmation")
	assertContains(t, html(t, asked.body).Find("main").Text(), "Close order "+ref+" as expired, nothing charged?")
	assertEqual(t, ta.order(t, ref).Status, db.OrderAuthorized, "before the confirmation's POST")
	tab := confirmForm(t, asked.body)
	done := noticed(t, staff.post(action, tab), order)
	assertNotices(t, pageNotices(t, staff, done), "ok: Closed as expired: nothing charged. The order's timeline says who and when.")
	assertEqual(t, ta.order(t, ref).Status, db.OrderExpired, "closed")
	events, err := ta.DB.Events(ctx, "order:"+ref)
	check(t, err)
	closedBy := ""
	for _, ev := range events {
		if strings.Contains(ev.Detail, "they checked Antom Dashboard and nothing was captured") {
			closedBy = ev.Actor
		}
	}
	assertEqual(t, closedBy, staffEmail, "the timeline: who")
	assertEqual(t, testid(html(t, staff.get(order).body), "close-ended-form").Length(), 0, "no close once closed")

	again := noticed(t, staff.post(action, tab), order)
	notices := pageNotices(t, staff, again)
	if len(notices) != 1 || !strings.Contains(notices[0], "is no longer an ended authorization we stopped asking Antom about") {
		t.Fatalf("a second close: %q", notices)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderExpired, "after a second close")
}
