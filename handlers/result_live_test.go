package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A buyer's result page left open hears what others do to its order. An
// authorization's page listens (data-live, what order.js long-polls on)
// without saying it waits for anything (no spinner, no waiting notice),
// and its status long-poll answers as soon as staff capture, staff void
// or the reconciler's expiry step moves the order; a paid page's as soon
// as staff refund. The long-poll of a page that does not change by
// itself re-reads on news only, so each answer here comes from the
// order's subject being published, not from a timer: without it the poll
// would answer only after its 25 s window, past this test's 10 s.
func TestResultPageHearsOthersActions(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		order func(t *testing.T, ta *testApp, email string) string
		act   func(t *testing.T, ta *testApp, staff *browserClient, ref string)
		state string // the poll's answer
		shows string // and what its card says
	}{
		{"capture", func(t *testing.T, ta *testApp, email string) string { return ta.authorizedOrder(t, email) },
			func(t *testing.T, ta *testApp, staff *browserClient, ref string) {
				sent(t, staff.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}}))
			}, "authorized", "Being charged"},
		{"void", func(t *testing.T, ta *testApp, email string) string { return ta.authorizedOrder(t, email) },
			func(t *testing.T, ta *testApp, staff *browserClient, ref string) {
				sent(t, staff.confirm("/admin/orders/"+ref+"/void", nil))
			},
			"authorized", "Hold being released"},
		{"expiry", func(t *testing.T, ta *testApp, email string) string {
			ref := ta.authorizedOrder(t, email)
			a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
			if err != nil {
				t.Fatal(err)
			}
			// Expired a second ago; the reconciler has not run since.
			if err := ta.DB.SetAttemptCard(ctx, a.ID, "VISA", "4242", ta.now.Add(-time.Second), ta.now); err != nil {
				t.Fatal(err)
			}
			return ref
		}, func(t *testing.T, ta *testApp, _ *browserClient, _ string) {
			if err := ta.Checkout.Reconcile(ctx); err != nil {
				t.Error(err)
			}
		}, "expired", `data-testid="result-status" data-status="expired"`},
		{"refund", func(t *testing.T, ta *testApp, email string) string { ref, _ := ta.paidOrder(t, email); return ref },
			func(t *testing.T, ta *testApp, staff *browserClient, ref string) {
				key := refundFormKey(t, staff.get("/admin/orders/"+ref).body)
				sent(t, staff.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {key}}))
			}, "paid", `data-testid="refund-being-confirmed"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newApp := newAdminApp
			if tc.name == "expiry" { // the reconciler asks Antom (no capture) before it closes the order
				newApp = func(t *testing.T) *testApp { ta, _ := newFakeAntomApp(t); return ta }
			}
			ta := newApp(t)
			staff := ta.client(t)
			staff.staffSignIn()
			email := "open-page-" + tc.name + "@example.com"
			ref := tc.order(t, ta, email)
			buyer := ta.client(t)
			buyer.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}})

			p := buyer.get("/orders/" + ref)
			assertEqual(t, p.status, http.StatusOK, "result page")
			card := testid(html(t, p.body), "result")
			assertEqual(t, card.AttrOr("data-live", ""), "true", "the page listens for news (order.js polls)")
			assertEqual(t, card.AttrOr("data-waiting", ""), "false", "the page says it waits for nothing")
			if card.Find(".spinner").Length() > 0 || testid(html(t, p.body), "result-notice").Length() > 0 {
				t.Fatalf("a page that awaits someone else shows a spinner or a waiting notice:\n%s", p.body)
			}

			answer, failed := longPoll[orderStatus](t, buyer, card.AttrOr("data-status-url", "")+"&seen="+url.QueryEscape(card.AttrOr("data-key", "")))
			waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > 0 })
			tc.act(t, ta, staff, ref)
			s := awaitPoll(t, answer, failed, tc.name)
			assertEqual(t, s.Status, tc.state, "the poll's state")
			assertContains(t, s.HTML, tc.shows)
		})
	}
}

// sent fails the test unless a staff action's POST was done (303 to the
// order: not a confirmation page asking first).
func sent(t *testing.T, p page) {
	t.Helper()
	if p.status != http.StatusSeeOther {
		t.Fatalf("staff's action answered %d, not 303:\n%s", p.status, p.body)
	}
}

// The orders whose page has nothing left that anyone can change do not
// listen: a page per open order holds one long-poll, not more.
func TestResultPageQuietOnceFinal(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref := ta.authorizedOrder(t, "voided-page@example.com")
	o := ta.order(t, ref)
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
		t.Fatalf("order to VOIDED: %v %v", ok, err)
	}
	buyer := ta.client(t)
	buyer.post("/signin", url.Values{"email": {"voided-page@example.com"}, "password": {"correct horse battery"}})
	card := testid(html(t, buyer.get("/orders/"+ref).body), "result")
	assertEqual(t, card.AttrOr("data-status", ""), "voided", "state")
	assertEqual(t, card.AttrOr("data-live", ""), "false", "a voided authorization's page listens")
}
