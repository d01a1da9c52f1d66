package checkout

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// A kept card's one-click payment in MANUAL mode settles from pay's
// answer, which here gives no authExpiryTime (the sandbox's
// NoAuthExpiryNext); the notification that
// follows (a duplicate of that news) does. Its expiry is recorded, the
// inbox says so, staff see "capture before", and the reconciler closes
// the order when the hold lapses — as when the notification comes first.
func TestAuthExpiryLearnedFromALaterNotification(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("learnexpiry@example.com")
	v := Viewer{BuyerID: b.ID}
	first := e.order(b, "mug", 1)
	_, paymentID := e.startCard(v, first.Ref, true, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, first.Ref, db.OrderAuthorized)
	e.verdicts(antom.NotifyPaymentResult, 1)
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(cards), 1, "kept cards")

	// The second payment's answer comes without authExpiryTime, and its
	// notification only once that answer is in.
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{NoAuthExpiryNext: 1})
	var open atomic.Bool
	e.gateNotifications(func(body []byte) bool {
		return open.Load() || !bytes.Contains(body, []byte(antom.NotifyPaymentResult))
	})
	second := e.order(b, "teapot", 1)
	if _, err := e.svc.PayByCard(e.ctx, v, second.Ref, "", false, cards[0].ID, nil, antom.Env{ClientIP: "198.51.100.4"}); err != nil {
		t.Fatal(err)
	}
	e.waitOrder(b, second.Ref, db.OrderAuthorized)
	if !e.attempt(second.Ref).AuthExpiresAt.IsZero() {
		t.Fatal("pay's answer gave authExpiryTime: this test needs an answer without it")
	}
	open.Store(true)
	verdicts := e.verdicts(antom.NotifyPaymentResult, 2)
	assertEqual(t, verdicts[1], VerdictApplied, "the notification repeats what pay said, and the expiry it had not")
	e.svc.Wait()
	expires := e.attempt(second.Ref).AuthExpiresAt
	if expires.IsZero() || !expires.After(time.Now()) {
		t.Fatalf("expiry after the notification: %v", expires)
	}
	assertEqual(t, e.adminOrder(second.Ref).AuthExpiresAt, expires, "staff see when it expires")
	if !e.timelineHas(second.Ref, "recorded from it: capture before "+lang.StaffTime(expires, nil)) {
		t.Fatal("the timeline does not say the expiry was learned")
	}
	if row := e.lastInbox(antom.NotifyPaymentResult); !strings.Contains(row.Detail, "capture before") {
		t.Fatalf("inbox row: %+v", row)
	}

	e.later(time.Until(expires) + time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.result(v, second.Ref).State, ResultExpired, "closed when the hold lapsed")
}
