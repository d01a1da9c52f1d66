package db_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
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
		// after it failed; Antom is found processing the failure (the
		// buyer may get it twice), then makes it: paid twice.
		o1, a1 := payment("ORD-LATE-1")
		f := refund(a1, "RF-1F", 1_000)
		closeOurs(t, d, f)
		n := refund(a1, "RF-1N", 1_000)
		settleRefund(t, d, n, db.RefundSuccess)
		twice(o1, a1, nil, 0, "made good, not made late")
		found, err := d.FoundProcessing(ctx, f, "bob", t0)
		ok(t, found, err, true, "found processing at Antom")
		twice(o1, a1, &db.MadeLateTwice{MayTwice: 1_000, Found: []string{"RF-1F"}, Since: []string{"RF-1N"}}, 1, "made good, then found processing")
		late(f)
		twice(o1, a1, &db.MadeLateTwice{Twice: 1_000, MayTwice: 1_000, Late: []string{"RF-1F"}, Since: []string{"RF-1N"}}, 1, "made good, then made late")

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
		twice(o2, a2, &db.MadeLateTwice{Twice: 400, MayTwice: 400, Late: []string{"RF-2F1", "RF-2F2"}, Since: []string{"RF-2N"}}, 2, "both made late")

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
		twice(o3, a3, &db.MadeLateTwice{Twice: 600, MayTwice: 600, Late: []string{"RF-3F1"}, Since: []string{"RF-3N"}, Processing: true}, 3, "the larger made late, the new refund processing")

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

// On random refund histories of one payment made through the refunds'
// own statements (new refunds and retries, made, failed at Antom, closed
// as failed by us, made late, settled another way), what
// OrderRefundsMadeLateTwice reads is the books' rule worked out here
// from the rows: what failures' remainders (refundsOwed's unmet, each
// failure's amount at most) leave made good with the refunds made late
// still failures and making nothing good, less what they leave made good
// now; and less what they would leave made good if Antom makes those it
// was found processing; with the refunds made late, found processing and
// made since the first of them failed.
func TestRefundsMadeLateTwiceRandom(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		histories := 30
		if testing.Short() {
			histories = 8
		}
		seen := map[string]int{}
		for h := range histories {
			rng := rand.New(rand.NewPCG(uint64(h), 11))
			o, a := paidAttempt(t, d, fmt.Sprintf("ORD-MLR-%d", h), "USD", 1_000_000, t0)
			var processing, oursFailed, failed []int64
			retried := map[int64]bool{}
			take := func(s *[]int64) (int64, bool) {
				if len(*s) == 0 {
					return 0, false
				}
				i := rng.IntN(len(*s))
				id := (*s)[i]
				*s = append((*s)[:i], (*s)[i+1:]...)
				return id, true
			}
			for step := range 24 {
				switch rng.IntN(10) {
				case 0, 1: // a new refund
					processing = append(processing, processingRefund(t, d, a, fmt.Sprintf("RF-MLR-%d-%d", h, step), int64(100*(1+rng.IntN(5))), 0))
				case 2: // a retry of a failure
					if id, found := take(&failed); found && !retried[id] {
						retried[id] = true
						var amount int64
						check(t, d.Q().QueryRowContext(ctx, `SELECT amount FROM refunds WHERE id = ?`, id).Scan(&amount))
						processing = append(processing, processingRefund(t, d, a, fmt.Sprintf("RF-MLR-%d-%d", h, step), amount, id))
					}
				case 3: // Antom answers
					if id, found := take(&processing); found {
						if rng.IntN(2) == 0 {
							settleRefund(t, d, id, db.RefundSuccess)
						} else {
							settleRefund(t, d, id, db.RefundFail)
							failed = append(failed, id)
						}
					}
				case 4, 7: // closed as failed by us
					if id, found := take(&processing); found {
						closeOurs(t, d, id)
						oursFailed, failed = append(oursFailed, id), append(failed, id)
					}
				case 5: // made late
					if id, found := take(&oursFailed); found {
						made, err := d.SettleRefund(ctx, id, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
						ok(t, made, err, true, "made late")
						failed = slices.DeleteFunc(failed, func(f int64) bool { return f == id })
						seen["made late"]++
					}
				case 8, 9: // found processing at Antom, or a lookup finds none
					if len(oursFailed) > 0 {
						id := oursFailed[rng.IntN(len(oursFailed))]
						if rng.IntN(3) > 0 {
							_, err := d.FoundProcessing(ctx, id, "bob", t0)
							check(t, err)
						} else {
							_, err := d.LookedAbsent(ctx, id, "bob", t0)
							check(t, err)
						}
					}
				case 6: // settled another way
					if id, found := take(&failed); found {
						if _, err := d.MarkRefundHandled(ctx, id, "bob", "cash", t0); err != nil {
							t.Fatal(err)
						}
						oursFailed = slices.DeleteFunc(oursFailed, func(f int64) bool { return f == id })
					}
				}
				got, err := d.OrderRefundsMadeLateTwice(ctx, o.ID)
				check(t, err)
				wantMap := map[int64]*db.MadeLateTwice{}
				if want := madeLateByHand(t, d, a.ID); want != nil {
					wantMap[a.ID] = want
					seen["twice"]++
					if want.Processing {
						seen["processing"]++
					}
					if len(want.Late) > 1 {
						seen["two made late"]++
					}
					if want.MayTwice > want.Twice {
						seen["more if found made"]++
					}
					if want.Twice == 0 {
						seen["only if found made"]++
					}
				}
				eq(t, got, wantMap, fmt.Sprintf("history %d, step %d", h, step))
				// Pages read the rule only for orders with a refund made late
				// or found processing (Refund.MadeLateOrFound); the orders
				// filter keeps each it flags.
				refunds, err := d.OrderRefunds(ctx, o.ID)
				check(t, err)
				if len(got) > 0 && !slices.ContainsFunc(refunds, db.Refund.MadeLateOrFound) {
					t.Fatalf("history %d, step %d: paid twice, with no refund made late or found processing", h, step)
				}
				if len(got) > 0 {
					listed, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, Limit: 100})
					check(t, err)
					if !slices.ContainsFunc(listed, func(r db.OrderListRow) bool { return r.ID == o.ID && (r.RefundMadeTwice || r.RefundMaybeTwice) }) {
						t.Fatalf("history %d, step %d: not listed by the paid-twice filter with a badge", h, step)
					}
				}
			}
		}
		if seen["twice"] == 0 || seen["processing"] == 0 || seen["two made late"] == 0 || seen["more if found made"] == 0 || seen["only if found made"] == 0 {
			t.Errorf("random histories too plain: %v", seen)
		}
		t.Logf("seen: %v", seen)
	})
}

// madeLateByHand works out attempt's MadeLateTwice from its refunds'
// rows, by the books' rule (refunds_owed.go) spelt in Go; nil if the
// buyer got nothing twice.
func madeLateByHand(t *testing.T, d *db.DB, attemptID int64) *db.MadeLateTwice {
	t.Helper()
	type row struct {
		id, amount, failMark, failSeq, retryOf, retryRoot int64
		status, ref                                       string
		handled, automatic, found                         bool
	}
	var rs []row
	rows, err := d.Q().QueryContext(ctx, `SELECT id, amount, fail_mark, fail_seq, retry_of, retry_root, status, refund_request_id,
		handled_at <> '', automatic <> 0, found_processing_at <> '' FROM refunds WHERE attempt_id = ? ORDER BY id`, attemptID)
	check(t, err)
	for rows.Next() {
		var r row
		check(t, rows.Scan(&r.id, &r.amount, &r.failMark, &r.failSeq, &r.retryOf, &r.retryRoot, &r.status, &r.ref, &r.handled, &r.automatic, &r.found))
		rs = append(rs, r)
	}
	check(t, rows.Err())
	rows.Close()
	madeLate := func(r row) bool { return r.status == db.RefundSuccess && r.failSeq > 0 }
	base := func(r row) bool {
		if r.automatic || r.handled {
			return false
		}
		for _, x := range rs {
			if x.retryOf == r.id {
				return false // retried
			}
			if r.retryRoot != 0 && (x.id == r.retryRoot || x.retryRoot == r.retryRoot) && x.id < r.id && x.status == db.RefundSuccess {
				return false // its retry chain was made
			}
		}
		return true
	}
	found := func(r row) bool { return r.status == db.RefundFail && r.found }
	const asIf, now, may = 0, 1, 2 // before Antom made any; now; if Antom makes those found
	madeGood := func(books int) int64 {
		var owing, making []row
		for _, r := range rs {
			failure := r.status == db.RefundFail
			switch books {
			case asIf:
				failure = failure || madeLate(r)
			case may:
				failure = failure && !found(r)
			}
			if base(r) && failure {
				owing = append(owing, r)
			}
			makes := r.status != db.RefundFail
			switch books {
			case asIf:
				makes = makes && r.failSeq == 0
			case may:
				makes = makes || found(r)
			}
			if makes && r.retryOf == 0 {
				making = append(making, r)
			}
		}
		var sum int64
		for _, r := range owing {
			unmet, any := int64(0), false
			for _, g := range owing {
				if g.failSeq > r.failSeq {
					continue
				}
				var u int64
				for _, f := range owing {
					if f.failSeq >= g.failSeq && f.failSeq <= r.failSeq {
						u += f.amount
					}
				}
				for _, n := range making {
					if n.id > g.failMark {
						u -= n.amount
					}
				}
				if !any || u > unmet {
					unmet, any = u, true
				}
			}
			sum += r.amount - max(0, min(r.amount, unmet))
		}
		return sum
	}
	before := madeGood(asIf)
	twice, mayTwice := before-madeGood(now), before-madeGood(may)
	if twice <= 0 && mayTwice <= 0 {
		return nil
	}
	m := &db.MadeLateTwice{AttemptID: attemptID, Twice: max(twice, 0), MayTwice: max(mayTwice, 0)}
	first := int64(-1)
	for _, r := range rs {
		if (madeLate(r) || found(r)) && r.failSeq > 0 && (first < 0 || r.failMark < first) {
			first = r.failMark
		}
	}
	for _, r := range rs {
		switch {
		case madeLate(r) && base(r):
			m.Late = append(m.Late, r.ref)
		case found(r) && r.failSeq > 0 && base(r):
			m.Found = append(m.Found, r.ref)
		case r.status != db.RefundFail && r.retryOf == 0 && r.failSeq == 0 && r.id > first:
			m.Since = append(m.Since, r.ref)
			m.Processing = m.Processing || r.status == db.RefundProcessing
		}
	}
	return m
}
