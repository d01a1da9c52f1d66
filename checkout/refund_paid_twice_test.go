package checkout

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"antom-checkout/db"
)

// The fresh-user trial, through the service: a refund we closed as
// failed ourselves is looked up (Antom has none), a new refund from the
// Refund form makes it good (oldest unpaid failure first) and is made;
// then Antom makes the first after all. The buyer got the money twice:
// the order page flags the first refund with what the buyer got beyond
// what was owed and the new refund that had made it good, and the
// orders list's badge, the refund-paid-twice filter and the dashboard
// all say so. Before the late success, none does.
func TestRefundMadeAfterANewRefundMadeItGoodIsPaidTwice(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "newtwice@example.com")
	other, _ := paidOrder(t, e, "newonce@example.com")
	first := e.refundClosedByUs(o.Ref)
	e.lookedUpAbsent(first)
	e.later(40 * time.Second)
	made, err := e.refund(o.Ref, "1")
	check(t, err)
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].OpenFailure, false, "the failure, once the new refund made it good")
	e.notifyRefund(made, "SUCCESS")
	paidTwiceShown := func() []any {
		t.Helper()
		d := e.adminOrder(o.Ref)
		dash, err := e.svc.AdminDashboard(e.ctx)
		check(t, err)
		listed, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterRefundPaidTwice})
		check(t, err)
		all, err := e.svc.AdminOrders(e.ctx, OrderFilter{})
		check(t, err)
		badged := map[string]bool{}
		for _, it := range all.Items {
			badged[it.Ref] = it.RefundPaidTwice
		}
		var refs []string
		for _, it := range listed.Items {
			refs = append(refs, it.Ref)
		}
		r := d.Refunds[0]
		return []any{r.PaidTwice, r.TwiceBy, r.TwiceExcess, r.TwiceMaybe, d.Refunds[1].PaidTwice,
			dash.RefundsPaidTwice, dash.RefundsMaybeTwice, refs, badged[o.Ref], badged[other.Ref]}
	}
	assertDeep(t, paidTwiceShown(), []any{false, []string(nil), Money{}, false, false, 0, 0, []string(nil), false, false},
		"before Antom made the first refund")

	e.later(80 * time.Second)
	first.RefundID = "RFID-LATE"
	e.notifyRefund(first, "SUCCESS") // the late success
	assertDeep(t, paidTwiceShown(), []any{true, []string{made.RefundRequestID}, Money{"USD", 100}, false, false,
		1, 0, []string{o.Ref}, true, false}, "after Antom made the first refund")
}

// refundsPaidTwice, the one rule, over refunds of one payment (amounts
// in cents; ids in the order they were made; FailMark as db sets it).
func TestRefundsPaidTwiceRule(t *testing.T) {
	t0 := time.Date(2026, 12, 5, 14, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	// late is a $4.00 refund we closed as failed (fail mark id), made
	// by Antom at madeAt (zero: still failed).
	failed := func(id, mark, seq int64, madeAt time.Time) db.Refund {
		r := db.Refund{ID: id, OrderID: 1, AttemptID: 1, RefundRequestID: "RF-" + strconv.FormatInt(id, 10), Amount: 400, Status: db.RefundFail,
			FinalSource: db.SourceOurs, FailMark: mark, FailSeq: seq, CreatedAt: at(0), UpdatedAt: at(40)}
		if !madeAt.IsZero() {
			r.Status, r.FinalSource, r.UpdatedAt = db.RefundSuccess, db.SourceAntom, madeAt
		}
		return r
	}
	refund := func(id, amount int64, status string, created time.Time) db.Refund {
		return db.Refund{ID: id, OrderID: 1, AttemptID: 1, RefundRequestID: "RF-" + strconv.FormatInt(id, 10), Amount: amount, Status: status,
			CreatedAt: created, UpdatedAt: created}
	}
	one := func(id int64, by []string, excess int64, maybe bool) []PaidTwice {
		return []PaidTwice{{OrderID: 1, RefundID: id, By: by, Excess: excess, Maybe: maybe}}
	}
	for _, c := range []struct {
		name    string
		refunds []db.Refund
		want    []PaidTwice
	}{
		{"the trial: a new refund made it good, then Antom made it",
			[]db.Refund{failed(1, 1, 1, at(100)), refund(2, 400, db.RefundSuccess, at(60))}, one(1, []string{"RF-2"}, 400, false)},
		{"the new refund still processing: the buyer may get it twice",
			[]db.Refund{failed(1, 1, 1, at(100)), refund(2, 400, db.RefundProcessing, at(60))}, one(1, []string{"RF-2"}, 400, true)},
		{"a smaller new refund: only what it made good",
			[]db.Refund{failed(1, 1, 1, at(100)), refund(2, 150, db.RefundSuccess, at(60))}, one(1, []string{"RF-2"}, 150, false)},
		{"still failed: nothing paid twice",
			[]db.Refund{failed(1, 1, 1, time.Time{}), refund(2, 400, db.RefundSuccess, at(60))}, nil},
		{"made after all before the new refund: the new refund was a refund of its own",
			[]db.Refund{failed(1, 1, 1, at(50)), refund(2, 400, db.RefundSuccess, at(60))}, nil},
		{"a new refund that failed makes nothing good",
			[]db.Refund{failed(1, 1, 1, at(100)), refund(2, 400, db.RefundFail, at(60))}, nil},
		{"a refund made before it failed makes nothing good",
			[]db.Refund{refund(1, 400, db.RefundSuccess, at(0)), failed(2, 2, 1, at(100))}, nil},
		{"oldest first: the new refund made good the older failure, still failed",
			[]db.Refund{failed(1, 2, 1, time.Time{}), failed(2, 2, 2, at(100)), refund(3, 400, db.RefundSuccess, at(60))}, nil},
		{"oldest first: the older failure made after all, the new refund paid it",
			[]db.Refund{failed(1, 2, 1, at(100)), failed(2, 2, 2, time.Time{}), refund(3, 400, db.RefundSuccess, at(60))},
			one(1, []string{"RF-3"}, 400, false)},
		{"another refund made after all pays its own debt, not an older one's",
			[]db.Refund{failed(1, 1, 1, time.Time{}), failed(2, 2, 2, at(100))}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := refundsPaidTwice(c.refunds); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("refundsPaidTwice = %+v, want %+v", got, c.want)
			}
		})
	}

	// Settled another way, then made: flagged with what was settled.
	handled := failed(1, 1, 1, at(100))
	handled.HandledAt, handled.HandledAmount, handled.HandledBy = at(50), 400, "staff"
	assertDeep(t, refundsPaidTwice([]db.Refund{handled}), one(1, nil, 400, false), "settled another way")
	// Retry chains: a retry tries again the failure RetryOf names.
	retryOf := func(r db.Refund, of int64) db.Refund { r.RetryOf = of; return r }
	flag := func(id int64, with string, excess int64, maybe bool) PaidTwice {
		return PaidTwice{OrderID: 1, RefundID: id, With: with, Excess: excess, Maybe: maybe}
	}
	for _, c := range []struct {
		name    string
		refunds []db.Refund
		want    []PaidTwice
	}{
		{"tried again, the retry made, then the original made: flagged on the retry",
			[]db.Refund{failed(1, 1, 1, at(100)), retryOf(refund(2, 400, db.RefundSuccess, at(50)), 1)},
			[]PaidTwice{flag(2, "RF-1", 400, false)}},
		{"the retry still processing when the original is made: it may be made too",
			[]db.Refund{failed(1, 1, 1, at(100)), retryOf(refund(2, 400, db.RefundProcessing, at(50)), 1)},
			[]PaidTwice{flag(2, "RF-1", 400, true)}},
		{"the retry failed and was left alone: the original paid the debt once",
			[]db.Refund{failed(1, 1, 1, at(100)), retryOf(failed(2, 2, 2, time.Time{}), 1)}, nil},
		{"the retry failed, settled another way, then the original made",
			[]db.Refund{failed(1, 1, 1, at(100)), func() db.Refund {
				r := retryOf(failed(2, 2, 2, time.Time{}), 1)
				r.HandledAt, r.HandledAmount, r.HandledBy = at(60), 400, "staff"
				return r
			}()},
			[]PaidTwice{flag(2, "RF-1", 400, false)}},
		{"the retry failed, a new refund made it good, then the original made",
			[]db.Refund{failed(1, 1, 1, at(100)), retryOf(failed(2, 2, 2, time.Time{}), 1), refund(3, 400, db.RefundSuccess, at(60))},
			[]PaidTwice{{OrderID: 1, RefundID: 2, With: "RF-1", By: []string{"RF-3"}, Excess: 400}}},
		{"a chain made three times: each refund beyond the first, with the nearest made before it",
			[]db.Refund{failed(1, 1, 1, at(100)), retryOf(failed(2, 2, 2, at(90)), 1), retryOf(refund(3, 400, db.RefundSuccess, at(50)), 2)},
			[]PaidTwice{flag(2, "RF-1", 400, false), flag(3, "RF-2", 400, false)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := refundsPaidTwice(c.refunds); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("refundsPaidTwice = %+v, want %+v", got, c.want)
			}
		})
	}
}
