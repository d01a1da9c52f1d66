package checkout

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// settleRoundTrips is at most how many round trips to PostgreSQL settling
// a payment from its pay answer takes (settleReleasing): the attempt, its
// order and the order's other attempts with the BEGIN; the settling
// writes, the lease's release and the timeline with the COMMIT. It was 4
// for a SUCCESS (3 for a FAIL) when the order and its attempts were read
// one after the other and the settling writes sent when made.
const settleRoundTrips = 2

// A payment opened as one-click pay opens it and settled from a pay
// answer — S, then F for another order — takes settleRoundTrips round
// trips to PostgreSQL, counted through a proxy, and leaves the attempt
// and its order settled and the lease released.
func TestSettleFromPayAnswerRoundTrips(t *testing.T) {
	ctx := context.Background()
	d, p := dbtest.OpenCounted(t)
	s := NewService(Deps{DB: d})
	outcomes := []struct {
		out            payOutcome
		attempt, order string
	}{
		{payOutcome{status: db.AttemptSuccess, code: "SUCCESS", paymentID: "PAY-RT", paidAt: time.Now()}, db.AttemptSuccess, db.OrderPaid},
		{payOutcome{status: db.AttemptFail, code: "USER_BALANCE_NOT_ENOUGH"}, db.AttemptFail, db.OrderOpen},
	}
	for i := range 6 {
		want := outcomes[i%2]
		attempt, l := openWalletAttempt(t, s, d)
		before := p.RoundTrips()
		settled, released := s.settleReleasing(ctx, attempt, want.out, "pay answered", &l)
		n := p.RoundTrips() - before
		t.Logf("settling %s: %d round trips", want.attempt, n)
		if i >= 2 && n > settleRoundTrips { // the first of each: the connection's prepared statements
			t.Errorf("settling %s took %d round trips to PostgreSQL, want at most %d", want.attempt, n, settleRoundTrips)
		}
		assertSettled(t, d, attempt, settled, released, want.attempt, want.order)
	}
}

// Settling writes kept for the COMMIT that find their rows changed
// meanwhile (here by a write outside any transaction, standing in for
// any failure after the writes were kept) fail the transaction, which
// runs once more with every write sent when made, and settles the payment
// once: told once, one timeline line, the order paid from where it is
// now.
func TestSettleRunsAgainWhenItsKeptWritesMiss(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open(ctx, dbtest.PostgresURL(t))
	check(t, err)
	t.Cleanup(func() { d.Close() })
	var order atomic.Int64
	var hits atomic.Int32
	told := &settledCounter{}
	s := NewService(Deps{DB: d, Observer: told, Options: Options{TestHook: func(point string) {
		if point != PointSettleTx || hits.Add(1) != 1 {
			return
		}
		// Outside the transaction, which holds no row yet: its writes
		// are kept for its COMMIT.
		_, err := d.Raw().ExecContext(ctx, `UPDATE orders SET status = 'OPEN' WHERE id = ?`, order.Load())
		check(t, err)
	}}})
	attempt, l := openWalletAttempt(t, s, d)
	order.Store(attempt.OrderID)
	settled, released := s.settleReleasing(ctx, attempt, payOutcome{status: db.AttemptSuccess, code: "SUCCESS",
		paymentID: "PAY-MISS", paidAt: time.Now()}, "pay answered S", &l)
	assertEqual(t, hits.Load(), int32(2), "settling transactions run")
	assertEqual(t, told.n.Load(), int32(1), "payments told settled (what follows the commit)")
	assertSettled(t, d, attempt, settled, released, db.AttemptSuccess, db.OrderPaid)
	row, err := d.OrderByID(ctx, attempt.OrderID)
	check(t, err)
	events, err := d.Events(ctx, OrderSubject(row.Ref))
	check(t, err)
	var lines int
	for _, e := range events {
		if strings.HasPrefix(e.Detail, attempt.PaymentRequestID+" SUCCESS") {
			lines++
		}
	}
	assertEqual(t, lines, 1, "timeline lines saying the payment succeeded")
}

// openWalletAttempt opens a wallet payment of a new guest order, as
// one-click pay does before its pay request, holding its lease.
func openWalletAttempt(t *testing.T, s *Service, d *db.DB) (db.Attempt, lease) {
	t.Helper()
	ctx := context.Background()
	o, err := s.CreateOrder(ctx, Viewer{GuestKey: "guest-settle"}, "notebook", "1")
	check(t, err)
	row, err := d.OrderByRef(ctx, o.Ref)
	check(t, err)
	attempt, l, err := s.openAttempt(ctx, row, db.Attempt{Method: db.MethodWallet}, time.Minute, "buyer",
		func(db.Attempt) string { return "payment started" })
	check(t, err)
	return attempt, l
}

// assertSettled checks that settleReleasing settled the attempt and
// released its lease, and what the attempt and its order are now.
func assertSettled(t *testing.T, d *db.DB, attempt db.Attempt, settled, released bool, status, orderStatus string) {
	t.Helper()
	ctx := context.Background()
	if !settled || !released {
		t.Fatalf("settled %v, released %v", settled, released)
	}
	a, err := d.AttemptByID(ctx, attempt.ID)
	check(t, err)
	assertEqual(t, a.Status, status, "the attempt")
	o, err := d.OrderByID(ctx, attempt.OrderID)
	check(t, err)
	assertEqual(t, o.Status, orderStatus, "its order")
	holder, _, err := d.LeaseHolder(ctx, attemptWork(attempt.ID))
	check(t, err)
	assertEqual(t, holder, "", "the payment's lease")
}

// settledCounter counts the payments told settled.
type settledCounter struct {
	noObserver
	n atomic.Int32
}

func (c *settledCounter) PaymentSettled(string, string) { c.n.Add(1) }
