package checkout

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
)

// A payment opened and settled on one instance (what one-click pay does
// around its pay request) wakes the order's waiter on another each time,
// and the news goes in each transaction's own COMMIT (a NOTIFY with it),
// not through the relay after it, which sends a round trip of its own.
func TestPaymentWakesOtherInstancesWithItsCommits(t *testing.T) {
	ss := instances(t, 2)
	a, b := ss[0], ss[1]
	relaying(t, b, a)
	ctx := context.Background()
	o, err := b.CreateOrder(ctx, Viewer{GuestKey: "guest-wake"}, "notebook", "1")
	check(t, err)
	row, err := b.db.OrderByRef(ctx, o.Ref)
	check(t, err)
	relayed := make(chan string, 16)
	b.hub.mu.Lock()
	relay := b.hub.relay
	b.hub.relay = func(subject string) { relayed <- subject; relay(subject) }
	b.hub.mu.Unlock()
	wake, stop := a.hub.Subscribe(OrderSubject(o.Ref))
	defer stop()
	woke := func(what string) {
		t.Helper()
		select {
		case <-wake:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the order's waiter on the other instance never woke", what)
		}
		select {
		case subject := <-relayed:
			t.Fatalf("%s: %q was relayed after the commit, in a round trip of its own", what, subject)
		default:
		}
	}

	attempt, l, err := b.openAttempt(ctx, row, db.Attempt{Method: db.MethodWallet}, time.Minute, "buyer",
		func(db.Attempt) string { return "payment started" })
	check(t, err)
	woke("payment opened")
	settled, released := b.settleReleasing(ctx, attempt, payOutcome{status: db.AttemptSuccess, code: "SUCCESS",
		paymentID: "PAY-WAKE", paidAt: time.Now()}, "pay answered S", &l)
	if !settled || !released {
		t.Fatalf("settled %v, released %v", settled, released)
	}
	woke("payment settled")
	after, err := a.db.OrderByRef(ctx, o.Ref)
	check(t, err)
	if after.Status != db.OrderPaid {
		t.Fatalf("order %s, want %s", after.Status, db.OrderPaid)
	}
	holder, _, err := a.db.LeaseHolder(ctx, attemptWork(attempt.ID))
	check(t, err)
	assertEqual(t, holder, "", "the payment's lease after it was settled")
}
