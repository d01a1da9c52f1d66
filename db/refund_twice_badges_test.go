package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The orders list tells a refund made twice from one that may be made
// twice: a retry still processing whose original Antom made after all
// (RefundMaybeTwice) is not a refund made twice (RefundMadeTwice) until
// Antom makes it; an order may have both. The refund-paid-twice filter
// keeps an order with either, and the dashboard's count agrees (all, and
// of them those processing); refunds of OrderSearch.NotTwice (and
// CountRefundsPaidTwice's) are left out of all three.
func TestOrdersListTellsRefundsMadeTwiceFromMaybe(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		maybe, a := paidAttempt(t, d, "ORD-MAYBE", "USD", 10_000, t0)
		made, b := paidAttempt(t, d, "ORD-MADE", "USD", 10_000, t0)
		plain, _ := paidAttempt(t, d, "ORD-PLAIN", "USD", 10_000, t0)
		late := func(id int64) { // Antom made it after all
			t.Helper()
			changed, err := d.SettleRefund(ctx, id, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
			ok(t, changed, err, true, "late success")
		}
		// retried closes a refund of a as failed by us, tries it again
		// (the retry settled as retryStatus, or left processing: ""),
		// then has Antom make the original after all.
		retried := func(a db.Attempt, reqID, retryStatus string) {
			t.Helper()
			f := processingRefund(t, d, a, reqID, 100, 0)
			closeOurs(t, d, f)
			r := processingRefund(t, d, a, reqID+"-R", 100, f)
			if retryStatus != "" {
				settleRefund(t, d, r, retryStatus)
			}
			late(f)
		}
		var notTwice []int64 // refunds checkout's rule of refunds made late finds nothing paid twice of
		state := func(want map[string][2]bool, all, processing int, what string) {
			t.Helper()
			rows, err := d.SearchOrders(ctx, db.OrderSearch{NotTwice: notTwice, Limit: 10})
			check(t, err)
			got := map[string][2]bool{}
			for _, r := range rows {
				got[r.Ref] = [2]bool{r.RefundMadeTwice, r.RefundMaybeTwice}
			}
			filtered, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, NotTwice: notTwice, Limit: 10})
			check(t, err)
			var listed, wantListed []string
			for _, r := range filtered {
				listed = append(listed, r.Ref)
			}
			for _, ref := range []string{plain.Ref, made.Ref, maybe.Ref} { // newest first
				if w := want[ref]; w[0] || w[1] {
					wantListed = append(wantListed, ref)
				}
			}
			n, p, err := d.CountRefundsPaidTwice(ctx, notTwice)
			check(t, err)
			eq(t, []any{got, listed, n, p}, []any{want, wantListed, all, processing},
				what+": each order's badges (made twice, may be), the filter, the dashboard's count and processing")
		}

		retried(a, "RF-MAYBE", "")
		retried(b, "RF-MADE", db.RefundSuccess)
		state(map[string][2]bool{maybe.Ref: {false, true}, made.Ref: {true, false}, plain.Ref: {false, false}}, 2, 1,
			"a retry processing, another made")
		retried(a, "RF-MAYBE2", db.RefundSuccess)
		state(map[string][2]bool{maybe.Ref: {true, true}, made.Ref: {true, false}, plain.Ref: {false, false}}, 3, 1,
			"an order with both")
		// Refunds the older rule flags that checkout's rule finds paid
		// nothing twice (the payment's cap took them off another
		// failure's debt) are neither badged, filtered nor counted.
		for _, reqID := range []string{"RF-MADE-R", "RF-MAYBE-R"} {
			r, err := d.RefundByRequestID(ctx, reqID)
			check(t, err)
			notTwice = append(notTwice, r.ID)
		}
		state(map[string][2]bool{maybe.Ref: {true, false}, made.Ref: {false, false}, plain.Ref: {false, false}}, 1, 0,
			"two of them paid nothing twice")
	})
}
