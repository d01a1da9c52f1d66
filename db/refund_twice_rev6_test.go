package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// rev6: OrderSearch.NotTwice beside every other argument the list's
// statement takes (a text search, the filter's PaidTwiceIDs, paging),
// NotTwice of a size padded (three ids, read as four), on both backends:
// the badges' arguments come before the WHERE's.
func TestRev6NotTwiceBesideTheSearchArguments(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		made, b := paidAttempt(t, d, "ORD-REV6-MADE", "USD", 10_000, t0)
		other, c := paidAttempt(t, d, "ORD-REV6-OTHER", "USD", 10_000, t0)
		retried := func(a db.Attempt, reqID string) int64 {
			t.Helper()
			f := processingRefund(t, d, a, reqID, 100, 0)
			closeOurs(t, d, f)
			r := processingRefund(t, d, a, reqID+"-R", 100, f)
			settleRefund(t, d, r, db.RefundSuccess)
			changed, err := d.SettleRefund(ctx, f, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
			ok(t, changed, err, true, "late success")
			return r
		}
		r1 := retried(b, "RF-REV6-1")
		retried(b, "RF-REV6-2")
		r3 := retried(c, "RF-REV6-3")
		rows, err := d.SearchOrders(ctx, db.OrderSearch{Text: "REV6", RefundPaidTwice: true, PaidTwiceIDs: []int64{other.ID},
			NotTwice: []int64{r1, r3, r3 + 1000}, Limit: 10})
		check(t, err)
		got := map[string][2]bool{}
		for _, r := range rows {
			got[r.Ref] = [2]bool{r.RefundMadeTwice, r.RefundMaybeTwice}
		}
		eq(t, got, map[string][2]bool{made.Ref: {true, false}, other.Ref: {false, false}},
			"badges with r1 and r3 not twice: made's second retry still made twice; other kept by PaidTwiceIDs")
	})
}
