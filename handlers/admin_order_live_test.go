package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// staffOrderPoll starts the staff order page's long-poll (what
// admin_order.js asks) from b with the page's key; the answer, or why
// there is none, arrives on the channels.
func staffOrderPoll(t *testing.T, b *browserClient, statusURL, seen string) (<-chan adminOrderStatus, <-chan error) {
	t.Helper()
	return longPoll[adminOrderStatus](t, b, statusURL+"?seen="+url.QueryEscape(seen))
}

// longPoll opens the long-poll at addr (a path with its query) on b's
// session, in the background: its JSON answer decoded as T, or what
// failed. awaitPoll waits for either.
func longPoll[T any](t *testing.T, b *browserClient, addr string) (<-chan T, <-chan error) {
	t.Helper()
	answer, failed := make(chan T, 1), make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, b.base+addr, nil)
		resp, err := b.http.Do(req)
		if err != nil {
			failed <- err
			return
		}
		defer resp.Body.Close()
		var s T
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
			failed <- fmt.Errorf("status %d: %w", resp.StatusCode, err)
			return
		}
		answer <- s
	}()
	return answer, failed
}

// awaitPoll returns a long-poll's answer (a staff order page's, a buyer
// page's), failing the test if it has none within 10 s (less than the
// poll's 25 s window: the answer came from news — the order's, a
// sign-out's — not from the window's end).
func awaitPoll[T any](t *testing.T, answer <-chan T, failed <-chan error, what string) T {
	t.Helper()
	var none T
	select {
	case s := <-answer:
		return s
	case err := <-failed:
		t.Fatal(err)
	case <-time.After(10 * time.Second):
		t.Fatalf("the long-poll did not answer within 10 s of the %s", what)
	}
	return none
}

// A staff order page left open hears what changes its order: a
// notification settling the payment, another staff member's capture,
// void or refund. The page carries its key, the long-poll's address and
// the script, and the order-changed bar hidden; the poll answers as soon
// as the order changes, with the page's body as a reload would show it
// (the same key a reload carries). An order that does not change by
// itself is re-read on news only, so each answer here comes from the
// order's subject being published: without that it would come after the
// poll's 25 s window, past this test's 10 s.
func TestStaffOrderPageHearsChanges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order func(t *testing.T, ta *testApp) string
		act   func(t *testing.T, ta *testApp, colleague *browserClient, ref string)
		shows string // in the body the poll comes to
	}{
		{"notification", func(t *testing.T, ta *testApp) string {
			b, o := ta.buyerOrder(t, "settled-by-notice@example.com", "coffee", "2")
			ta.openAttempt(t, o.Ref, ta.insertWallet(t, b.ID, "0917****set"))
			return o.Ref
		}, func(t *testing.T, ta *testApp, _ *browserClient, ref string) {
			body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"3700"}}`, ref, ref)
			if rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))); rec.Code != http.StatusOK {
				t.Errorf("notification: %d", rec.Code)
			}
		}, `data-testid="order-status" data-status="paid"`},
		{"capture", func(t *testing.T, ta *testApp) string { return ta.authorizedOrder(t, "captured@example.com") },
			func(t *testing.T, ta *testApp, colleague *browserClient, ref string) {
				sent(t, colleague.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}}))
			}, `data-testid="capture-pending"`},
		{"void", func(t *testing.T, ta *testApp) string { return ta.authorizedOrder(t, "voided@example.com") },
			func(t *testing.T, ta *testApp, colleague *browserClient, ref string) {
				sent(t, colleague.confirm("/admin/orders/"+ref+"/void", nil))
			}, `data-testid="void-pending"`},
		{"refund", func(t *testing.T, ta *testApp) string { ref, _ := ta.paidOrder(t, "refunded@example.com"); return ref },
			func(t *testing.T, ta *testApp, colleague *browserClient, ref string) {
				key := refundFormKey(t, colleague.get("/admin/orders/"+ref).body)
				sent(t, colleague.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {key}}))
			}, `data-testid="refund-row"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ta := newAdminApp(t)
			ref := tc.order(t, ta)
			watcher, colleague := ta.client(t), ta.client(t)
			watcher.staffSignIn()
			colleague.staffSignIn()

			p := watcher.get("/admin/orders/" + ref)
			assertEqual(t, p.status, http.StatusOK, "order page")
			d := html(t, p.body)
			live := testid(d, "order-live")
			key := live.AttrOr("data-key", "")
			assertEqual(t, live.AttrOr("data-status-url", ""), "/admin/orders/"+ref+"/status", "the long-poll's address")
			assertEqual(t, testid(d, "order-changed").AttrOr("hidden", "no"), "", "the order-changed bar, hidden")
			assertContains(t, p.body, `<script src="/static/js/admin_order.js" defer></script>`)
			if key == "" || testid(html(t, watcher.get("/admin/orders/"+ref).body), "order-live").AttrOr("data-key", "") != key {
				t.Fatalf("the page's key %q is not the same on a reload of the unchanged order", key)
			}

			answer, failed := staffOrderPoll(t, watcher, "/admin/orders/"+ref+"/status", key)
			waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > 0 })
			tc.act(t, ta, colleague, ref)
			s := awaitPoll(t, answer, failed, tc.name)
			if s.Key == key {
				t.Fatalf("answered with the key it was given: %q", key)
			}
			// The poll may have answered a step the action went through
			// (a capture is "being charged" before Antom answers): asked
			// again with each key it gave, it comes to the page a reload
			// shows now, and then waits.
			now := testid(html(t, watcher.get("/admin/orders/"+ref).body), "order-live").AttrOr("data-key", "")
			for step := 0; s.Key != now; step++ {
				if step == 3 {
					t.Fatalf("the poll's key %q never came to the reload's %q", s.Key, now)
				}
				answer, failed = staffOrderPoll(t, watcher, "/admin/orders/"+ref+"/status", s.Key)
				s = awaitPoll(t, answer, failed, "next step")
			}
			assertContains(t, s.HTML, tc.shows, `data-testid="order-ref"`)
		})
	}
}

// The staff order page's poll answers at once when the key it is given
// is not the order's (the page is already stale), takes no one-time
// notice from the session, and is for staff only: signed out (or a
// buyer) it goes to the staff sign-in; an unknown order is 404.
func TestStaffOrderPollAnswersStaffOnly(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "polled@example.com")
	staff := ta.client(t)
	staff.staffSignIn()
	key := refundFormKey(t, staff.get("/admin/orders/"+ref).body)
	refund := staff.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {key}})
	sent(t, refund)
	// The refund's notice waits in the session for its page.
	answer, failed := staffOrderPoll(t, staff, "/admin/orders/"+ref+"/status", "an older key")
	s := awaitPoll(t, answer, failed, "stale key")
	assertContains(t, s.HTML, `data-testid="refund-row"`)
	assertEqual(t, testid(html(t, s.HTML), "flash").Length(), 0, "a flash in the poll's body")
	assertEqual(t, testid(html(t, staff.get(refund.location).body), "flash").Length(), 1, "the refund's notice, still for the page")

	for name, b := range map[string]*browserClient{"signed out": ta.client(t), "a buyer": ta.client(t)} {
		if name == "a buyer" {
			b.post("/signin", url.Values{"email": {"polled@example.com"}, "password": {"correct horse battery"}})
		}
		p := b.get("/admin/orders/" + ref + "/status?seen=x")
		assertEqual(t, p.status, http.StatusSeeOther, name)
		assertEqual(t, p.location, "/admin/signin?next=%2Fadmin%2Forders%2F"+url.PathEscape(ref)+"%2Fstatus%3Fseen%3Dx", name+": to the staff sign-in")
	}
	assertEqual(t, staff.get("/admin/orders/ORD-NONE/status?seen=x").status, http.StatusNotFound, "unknown order")
}

// On PostgreSQL, with several app instances: a staff order page waiting
// on one instance hears a refund made on another (the hub's news,
// relayed through the database).
func TestStaffOrderPageHearsOtherInstances(t *testing.T) {
	ta := newAdminApp(t)
	other := ta.relayedInstance(t)

	ref, _ := ta.paidOrder(t, "two-instances@example.com")
	here, there := ta.client(t), other.client(t)
	here.staffSignIn()
	there.staffSignIn()
	key := testid(html(t, there.get("/admin/orders/"+ref).body), "order-live").AttrOr("data-key", "")
	answer, failed := staffOrderPoll(t, there, "/admin/orders/"+ref+"/status", key)
	waitFor(t, func() bool { return other.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > 0 })
	form := refundFormKey(t, here.get("/admin/orders/"+ref).body)
	sent(t, here.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {form}}))
	// The page is read in one snapshot (checkout.AdminOrderDetail): a
	// read woken by late news of the payment, meeting the refund's commit
	// half-way, sees all of it or none — none is the page already shown,
	// which answers nothing — so the first answer has the refund's row.
	s := awaitPoll(t, answer, failed, "refund on the other instance")
	assertContains(t, s.HTML, `data-testid="refund-row"`)
}

// relayedInstance is a second instance beside ta (otherInstance) whose
// hub hears ta's news through the database, both relaying until the test
// ends; it skips the test on SQLite (one instance, nothing to relay).
func (ta *testApp) relayedInstance(t *testing.T) *testApp {
	t.Helper()
	if !ta.DB.CanNotify() {
		t.Skip("one instance on SQLite: TEST_DB=postgres runs this")
	}
	other := ta.otherInstance()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	for _, s := range []*checkout.Service{ta.Checkout, other.Checkout} {
		go func() { s.RunWakeups(ctx); done <- struct{}{} }()
	}
	t.Cleanup(func() { cancel(); <-done; <-done })
	relaying(t, ta.Checkout, other.Checkout)
	return other
}

// relaying waits until news published on from's hub reaches to's: from
// relays and to listens.
func relaying(t *testing.T, from, to *checkout.Service) {
	t.Helper()
	wake, stop := to.Hub().Subscribe("probe")
	defer stop()
	deadline := time.After(10 * time.Second)
	for {
		from.Hub().Publish("probe")
		select {
		case <-wake:
			return
		case <-deadline:
			t.Fatal("news never went from one instance to the other")
		case <-time.After(20 * time.Millisecond):
		}
	}
}
