package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// CountCancelsInDoubt counts the payments Antom said succeeded while a
// cancel of ours was on its way (cancel IN_DOUBT); PaymentsSince leaves
// them out until the doubt ends with the payment standing, and the
// orders search's CancelInDoubt lists their orders.
func TestCancelsInDoubtCountedApart(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		paid := func(ref string, cancelFirst bool) db.Attempt {
			t.Helper()
			a := newAttempt(t, d, newOrder(t, d, ref, 0, "USD", 100), "PR-"+ref)
			if cancelFirst {
				changed, err := d.RequestCancel(ctx, a.ID, "", t0)
				ok(t, changed, err, true, "ask to cancel")
			}
			changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
				PaymentID: "PAY-" + ref, PaidAt: t0, Source: db.SourceAntom}, t0)
			ok(t, changed, err, true, "settle as paid")
			return a
		}
		paid("ORD-PLAIN", false)
		doubt := paid("ORD-DOUBT", true)
		n, err := d.CountCancelsInDoubt(ctx)
		check(t, err)
		eq(t, n, 1, "cancels in doubt")
		sums, err := d.PaymentsSince(ctx, t0.Add(-1))
		check(t, err)
		eq(t, sums, []db.CurrencyTotal{{Currency: "USD", Count: 1, Amount: 100}}, "payments taken, the one in doubt left out")
		eq(t, searchRefs(t, d, db.OrderSearch{CancelInDoubt: true}), []string{"ORD-DOUBT"}, "orders with a cancel in doubt")

		changed, err := d.EndCancelDoubt(ctx, doubt.ID, db.CancelFail, t0)
		ok(t, changed, err, true, "the payment stands")
		n, err = d.CountCancelsInDoubt(ctx)
		check(t, err)
		eq(t, n, 0, "cancels in doubt, after")
		sums, err = d.PaymentsSince(ctx, t0.Add(-1))
		check(t, err)
		eq(t, sums, []db.CurrencyTotal{{Currency: "USD", Count: 2, Amount: 200}}, "payments taken, after")
		eq(t, searchRefs(t, d, db.OrderSearch{CancelInDoubt: true}), []string{}, "orders with a cancel in doubt, after")
	})
}
