package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Refunds we closed as failed that Antom makes after all, after refunds
// made since were counted towards them (refunds_made_late.go): the buyer
// got twice what the books had counted towards them and no other failure
// takes now — no more (another failure may take a refund made since), no
// less, on the order page's read and the dashboard's count alike.
func TestRefundsMadeLateTwice(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		payment := func(ref string) (db.Order, db.Attempt) { return paidAttempt(t, d, ref, "USD", 10_000, t0) }
		refund := func(a db.Attempt, reqID string, amount int64) int64 {
			return processingRefund(t, d, a, reqID, amount, 0)
		}
		late := func(id int64) {
			t.Helper()
			made, err := d.SettleRefund(ctx, id, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
			ok(t, made, err, true, "Antom made it after all")
		}
		twice := func(o db.Order, a db.Attempt, want *db.MadeLateTwice, count int, what string) {
			t.Helper()
			got, err := d.OrderRefundsMadeLateTwice(ctx, o.ID)
			check(t, err)
			wantMap := map[int64]*db.MadeLateTwice{}
			if want != nil {
				want.AttemptID = a.ID
				wantMap[a.ID] = want
			}
			n, err := d.CountPaymentsMadeLateTwice(ctx)
			check(t, err)
			eq(t, []any{got, n}, []any{wantMap, count}, what+": the order's payments paid twice, the count of all")
		}

		// One failure we closed, a new refund of the same amount made
		// after it failed, then Antom makes the failure: paid twice.
		o1, a1 := payment("ORD-LATE-1")
		f := refund(a1, "RF-1F", 1_000)
		closeOurs(t, d, f)
		n := refund(a1, "RF-1N", 1_000)
		settleRefund(t, d, n, db.RefundSuccess)
		twice(o1, a1, nil, 0, "made good, not made late")
		late(f)
		twice(o1, a1, &db.MadeLateTwice{Twice: 1_000, Late: []string{"RF-1F"}, Since: []string{"RF-1N"}}, 1, "made good, then made late")

		// Two failures of $4.00, one new refund of $4.00 (it made the
		// first good): the first made late, the new refund now makes the
		// second good — nothing twice; the second made late too: $4.00.
		o2, a2 := payment("ORD-LATE-2")
		f1 := refund(a2, "RF-2F1", 400)
		closeOurs(t, d, f1)
		f2 := refund(a2, "RF-2F2", 400)
		closeOurs(t, d, f2)
		n2 := refund(a2, "RF-2N", 400)
		settleRefund(t, d, n2, db.RefundSuccess)
		late(f1)
		twice(o2, a2, nil, 1, "the first made late, the new refund taken by the second")
		open, err := d.OpenRefundFailures(ctx, o2.ID)
		check(t, err)
		eq(t, open, map[int64]int64{}, "nothing owed of the second")
		late(f2)
		twice(o2, a2, &db.MadeLateTwice{Twice: 400, Late: []string{"RF-2F1", "RF-2F2"}, Since: []string{"RF-2N"}}, 2, "both made late")

		// $10.00 and $4.00 failed, $10.00 made good the first (oldest
		// first); the first made late: the new refund takes the $4.00 now,
		// $6.00 of it was paid twice. Still processing: may be.
		o3, a3 := payment("ORD-LATE-3")
		g1 := refund(a3, "RF-3F1", 1_000)
		closeOurs(t, d, g1)
		g2 := refund(a3, "RF-3F2", 400)
		closeOurs(t, d, g2)
		refund(a3, "RF-3N", 1_000)
		late(g1)
		twice(o3, a3, &db.MadeLateTwice{Twice: 600, Late: []string{"RF-3F1"}, Since: []string{"RF-3N"}, Processing: true}, 3, "the larger made late, the new refund processing")

		// A refund of its own made before the failure failed is no
		// refund made since; a failure whose own later refund failed and
		// was then made late had made nothing good of it: G fails, F
		// (made for G) fails, N makes G good; F made late takes nothing
		// from N — the books counted N towards G then and now.
		o4, a4 := payment("ORD-LATE-4")
		before := refund(a4, "RF-4B", 300)
		settleRefund(t, d, before, db.RefundSuccess)
		g := refund(a4, "RF-4G", 500)
		settleRefund(t, d, g, db.RefundFail)
		h := refund(a4, "RF-4F", 500)
		closeOurs(t, d, h)
		n4 := refund(a4, "RF-4N", 500)
		settleRefund(t, d, n4, db.RefundSuccess)
		late(h)
		twice(o4, a4, nil, 3, "a failure made late that nothing had made good")
	})
}
