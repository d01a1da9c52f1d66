package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// The orders list gives an authorized order's Capture before line by the
// order page's rule: only while the authorization waits for staff — not
// once Antom refused a capture with a code that ended it (AUTH_CANCELLED:
// the row reads "cancelled at Antom", AUTH_EXPIRED: "authorization
// expired", as the page does, before the reconciler closes the order),
// nor while a capture or a void is under way (the badge says which). Once Antom's inquiry
// ended the looks for the expiry, the line says in words what it said
// (FAILED, was CANCELLED) and not to ship, never "Antom says FAIL".
func TestOrdersListCaptureByFollowsTheOrderPage(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := t.Context()
	attempt := func(ref string) int64 {
		t.Helper()
		a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	endLooks := func(ref, status string) {
		t.Helper()
		if ended, err := ta.DB.EndAuthExpiryLook(ctx, attempt(ref), 0, status, ta.now); err != nil || !ended {
			t.Fatalf("end the looks: %v %v", ended, err)
		}
	}

	waiting := ta.authorizedOrder(t, "waiting@example.com")
	cancelled := ta.authorizedOrder(t, "auth-cancelled@example.com")
	ta.staffCapture(t, cancelled, "CAP-"+cancelled, 3700, db.CaptureFail, "AUTH_CANCELLED", "cancelled")
	expired := ta.authorizedOrder(t, "auth-expired@example.com")
	ta.staffCapture(t, expired, "CAP-"+expired, 3700, db.CaptureFail, "AUTH_EXPIRED", "expired")
	capturing := ta.authorizedOrder(t, "capturing@example.com")
	ta.staffCapture(t, capturing, "CAP-"+capturing, 3700, db.CaptureProcessing, "", "")
	voiding := ta.authorizedOrder(t, "voiding@example.com")
	if ok, err := ta.DB.RequestCancel(ctx, attempt(voiding), "", ta.now); err != nil || !ok {
		t.Fatalf("request the void: %v %v", ok, err)
	}
	failed := ta.authorizedOrder(t, "inquiry-fail@example.com")
	endLooks(failed, "FAIL")
	gone := ta.authorizedOrder(t, "inquiry-cancelled@example.com")
	endLooks(gone, "CANCELLED")
	for _, ref := range []string{cancelled, expired} {
		assertEqual(t, ta.order(t, ref).Status, db.OrderAuthorized, ref+": not closed yet (the reconciler does)")
	}

	type row struct{ badge, status, line string }
	want := map[string]row{
		waiting:   {"authorized", "authorized", "Capture before: not known yet"},
		cancelled: {"cancelled at Antom", "voided", ""},
		expired:   {"authorization expired", "expired", ""},
		capturing: {"authorized — capturing (not confirmed)", "authorized", ""},
		voiding:   {"authorized — releasing (void not confirmed)", "authorized", ""},
		failed:    {"authorized", "authorized", "Capture before: not known. Antom's inquiry says the payment FAILED — do not ship"},
		gone:      {"authorized", "authorized", "Capture before: not known. Antom's inquiry says the payment was CANCELLED — do not ship"},
	}
	got := map[string]row{}
	html(t, staff.get("/admin/orders").body).Find(`[data-testid="order-row"]`).Each(func(_ int, s *goquery.Selection) {
		badge := s.Find(`[data-testid="order-status"]`)
		got[s.Find(`[data-testid="order-link"]`).Text()] = row{strings.Join(strings.Fields(badge.Text()), " "), badge.AttrOr("data-status", ""),
			strings.Join(strings.Fields(s.Find(`[data-testid="auth-expiry"]`).Text()), " ")}
	})
	for ref, w := range want {
		assertEqual(t, got[ref], w, ref+" in the list")
		d := html(t, staff.get("/admin/orders/"+ref).body)
		assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), w.status, ref+": its page's badge")
		lines := testid(d, "order-capture-by").Length() + testid(d, "order-capture-by-unknown").Length()
		assertEqual(t, lines == 1, w.line != "", ref+": its page gives a Capture before line as the list does")
	}
}

// An authorization whose known expiry has passed reads "expired <time>"
// in the list only where its page says it expired too: while it waited
// for staff — not beside "cancelled at Antom" (a capture refused
// AUTH_CANCELLED) nor beside a capture under way, whose page says no
// expiry line.
func TestOrdersListSaysExpiredOnlyWhereThePageDoes(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := t.Context()
	past := func(ref string) {
		t.Helper()
		a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := ta.DB.SetAttemptCard(ctx, a.ID, "VISA", "4242", ta.now.Add(-time.Hour), ta.now); err != nil {
			t.Fatal(err)
		}
	}
	waited := ta.authorizedOrder(t, "waited-past@example.com")
	past(waited)
	cancelled := ta.authorizedOrder(t, "cancelled-past@example.com")
	past(cancelled)
	ta.staffCapture(t, cancelled, "CAP-"+cancelled, 3700, db.CaptureFail, "AUTH_CANCELLED", "cancelled")
	capturing := ta.authorizedOrder(t, "capturing-past@example.com")
	past(capturing)
	ta.staffCapture(t, capturing, "CAP-"+capturing, 3700, db.CaptureProcessing, "", "")

	lines := map[string]string{}
	html(t, staff.get("/admin/orders").body).Find(`[data-testid="order-row"]`).Each(func(_ int, s *goquery.Selection) {
		lines[s.Find(`[data-testid="order-link"]`).Text()] = strings.Join(strings.Fields(s.Find(`[data-testid="auth-expiry"]`).Text()), " ")
	})
	if !strings.HasPrefix(lines[waited], "expired ") {
		t.Fatalf("the row of an authorization that expired waiting says %q, want its expiry", lines[waited])
	}
	for _, ref := range []string{cancelled, capturing} {
		if lines[ref] != "" {
			t.Fatalf("%s: the list says %q beside a badge whose page gives no expiry line", ref, lines[ref])
		}
	}
}
