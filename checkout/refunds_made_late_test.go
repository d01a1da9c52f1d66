package checkout

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"antom-checkout/db"
)

// refundHistory makes one payment's refund rows as the database writes
// them, event by event: ids in the order refunds are made, fail_mark and
// fail_seq as each fails (db's SettleRefund), late_mark as a refund we
// closed turns SUCCESS.
type refundHistory struct {
	refunds []db.Refund
	seq     int64
	clock   int // seconds: each late success and settlement one later
}

// now is the history's time, one second later at each call.
func (h *refundHistory) now() time.Time {
	h.clock++
	return time.Date(2026, 12, 5, 0, 0, h.clock, 0, time.UTC)
}

func (h *refundHistory) find(id int64) *db.Refund { return &h.refunds[id-1] }

// refund makes a refund of amount (minor units), PROCESSING, retrying
// refund retryOf (0: none); its id.
func (h *refundHistory) refund(amount, retryOf int64) int64 {
	id := int64(len(h.refunds) + 1)
	r := db.Refund{ID: id, Amount: amount, Status: db.RefundProcessing, RetryOf: retryOf, CreatedAt: h.now()}
	if retryOf != 0 {
		r.RetryRoot = retryOf
		if root := h.find(retryOf).RetryRoot; root != 0 {
			r.RetryRoot = root
		}
	}
	h.refunds = append(h.refunds, r)
	return id
}

func (h *refundHistory) fail(id int64) {
	h.seq++
	r := h.find(id)
	r.Status, r.FailMark, r.FailSeq = db.RefundFail, int64(len(h.refunds)), h.seq
}

func (h *refundHistory) made(id int64) { h.find(id).Status = db.RefundSuccess }

// late: Antom makes a refund we closed as failed after all.
func (h *refundHistory) late(id int64) {
	r := h.find(id)
	r.Status, r.LateMark, r.LateAt = db.RefundSuccess, int64(len(h.refunds)), h.now()
}

func (h *refundHistory) settled(id, amount int64) {
	r := h.find(id)
	r.HandledAt, r.HandledAmount = h.now(), amount
}

// What the buyer got twice through refunds made late: each history's
// late refunds give what the books held when Antom made them (owed then)
// less what they leave owed now, never a refund made after Antom made
// them, nothing where another failure takes the refund made good
// meanwhile or the payment has nothing left, and the older rule's cases
// (settled another way, retried) not again.
func TestLateTwice(t *testing.T) {
	for _, c := range []struct {
		name      string
		paid      int64
		history   func(h *refundHistory)
		got, may  int64
		lateCount int
	}{
		{"a new refund made good what Antom then made", 10_000, func(h *refundHistory) {
			f := h.refund(1_000, 0)
			h.fail(f)
			h.made(h.refund(1_000, 0))
			h.late(f)
		}, 1_000, 1_000, 1},
		{"two failures, one new refund, one made late: the new refund makes the other good", 10_000, func(h *refundHistory) {
			f1, f2 := h.refund(400, 0), h.refund(400, 0)
			h.fail(f1)
			h.fail(f2)
			h.made(h.refund(400, 0))
			h.late(f1)
		}, 0, 0, 0},
		{"two failures, one new refund, both made late: the second gives it twice", 10_000, func(h *refundHistory) {
			f1, f2 := h.refund(400, 0), h.refund(400, 0)
			h.fail(f1)
			h.fail(f2)
			h.made(h.refund(400, 0))
			h.late(f1)
			h.late(f2)
		}, 400, 400, 1},
		{"two failures, one new refund, both made late at once", 10_000, func(h *refundHistory) {
			f1, f2 := h.refund(400, 0), h.refund(400, 0)
			h.fail(f1)
			h.fail(f2)
			h.made(h.refund(400, 0))
			h.late(f1)
			h.late(f2)
			h.find(f2).LateAt = h.find(f1).LateAt
		}, 400, 400, 2},
		{"$10 and $4 failed, $10 made the first good, still processing, the first made late", 10_000, func(h *refundHistory) {
			f1, f2 := h.refund(1_000, 0), h.refund(400, 0)
			h.fail(f1)
			h.fail(f2)
			h.refund(1_000, 0)
			h.late(f1)
		}, 0, 600, 1},
		{"a failure's own new refund failed too and was made late; the new refund made the first good", 10_000, func(h *refundHistory) {
			g := h.refund(500, 0)
			h.fail(g)
			f := h.refund(500, 0)
			h.fail(f)
			h.made(h.refund(500, 0))
			h.late(f)
		}, 0, 0, 0},
		{"a refund made after Antom made the one we closed", 10_000, func(h *refundHistory) {
			f := h.refund(1_000, 0)
			h.fail(f)
			h.late(f)
			h.made(h.refund(500, 0))
		}, 0, 0, 0},
		{"a failed retry made good by a new refund, then its original made late", 10_000, func(h *refundHistory) {
			f := h.refund(500, 0)
			h.fail(f)
			r := h.refund(500, f)
			h.fail(r)
			h.made(h.refund(500, 0))
			h.late(f)
		}, 500, 500, 1},
		{"the payment used up: the new refund's twin failed at Antom", 1_000, func(h *refundHistory) {
			f := h.refund(500, 0)
			h.fail(f)
			h.made(h.refund(500, 0))
			h.fail(h.refund(500, 0))
			h.late(f)
		}, 0, 0, 0},
		{"made good, another refund still processing: if it fails it is owed, and the buyer got less more than was meant", 10_000, func(h *refundHistory) {
			f := h.refund(300, 0)
			h.fail(f)
			h.made(h.refund(300, 0))
			h.refund(200, 0)
			h.late(f)
		}, 100, 300, 1},
		{"a refund made between two refunds made late makes neither good", 10_000, func(h *refundHistory) {
			f1 := h.refund(1_000, 0)
			h.fail(f1)
			h.late(f1)
			h.made(h.refund(1_000, 0))
			f2 := h.refund(1_000, 0)
			h.fail(f2)
			h.late(f2)
		}, 0, 0, 0},
		{"a refund made between, then one settled another way made late: the older rule's", 10_000, func(h *refundHistory) {
			f1 := h.refund(1_000, 0)
			h.fail(f1)
			h.late(f1)
			h.made(h.refund(1_000, 0))
			g := h.refund(500, 0)
			h.fail(g)
			h.settled(g, 500)
			h.late(g)
		}, 0, 0, 0},
		{"a new refund made part good, a retry the rest: what the retry leaves out", 10_000, func(h *refundHistory) {
			f := h.refund(1_000, 0)
			h.fail(f)
			h.made(h.refund(400, 0))
			h.made(h.refund(600, f))
			h.late(f)
		}, 400, 400, 1},
		{"settled another way, then made late: the older rule's", 10_000, func(h *refundHistory) {
			f := h.refund(500, 0)
			h.fail(f)
			h.settled(f, 500)
			h.late(f)
		}, 0, 0, 0},
		{"retried, the retry made, then made late: the older rule's", 10_000, func(h *refundHistory) {
			f := h.refund(500, 0)
			h.fail(f)
			h.made(h.refund(500, f))
			h.late(f)
		}, 0, 0, 0},
		{"made late before migration 46: not told", 10_000, func(h *refundHistory) {
			f := h.refund(1_000, 0)
			h.fail(f)
			h.made(h.refund(1_000, 0))
			h.late(f)
			h.find(f).LateMark = 0
		}, 0, 0, 0},
	} {
		h := &refundHistory{}
		c.history(h)
		got := lateTwiceOf(c.paid, h.refunds)
		if got.Got != c.got || got.May != c.may || len(got.Late) != c.lateCount {
			t.Errorf("%s: got %d, may %d, %d late; want %d, %d, %d", c.name, got.Got, got.May, len(got.Late), c.got, c.may, c.lateCount)
		}
	}
}

// The books worked out in Go (refundBooks, as the rule of refunds made
// late reads them) say what the database's say (db's refundsOwed, read
// as FailedRefundTotal) on random refund histories made through the
// database's own statements: new refunds and retries, made, failed at
// Antom, closed as failed by us, made late, settled another way.
func TestRefundBooksReadAsTheDatabase(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("books@example.com")
	pay := e.paidByWallet(b, e.linkedWallet(b, "GCASH", user(t, "GCASH")))
	histories := 8
	if testing.Short() {
		histories = 3
	}
	compared := 0
	for h := range histories {
		ref, _ := pay(h)
		a := e.attempt(ref)
		rng := rand.New(rand.NewPCG(uint64(h), 5))
		var processing, ours, failed []int64
		take := func(s *[]int64) (int64, bool) {
			if len(*s) == 0 {
				return 0, false
			}
			i := rng.IntN(len(*s))
			id := (*s)[i]
			*s = slices.Delete(*s, i, i+1)
			return id, true
		}
		newRefund := func(step int, amount, retryOf int64) int64 {
			id, err := e.db.InsertRefund(e.ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: fmt.Sprintf("RF-BOOKS-%d-%d", h, step),
				Currency: a.Currency, Amount: amount, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: e.svc.now(), RetryOf: retryOf})
			check(t, err)
			return id
		}
		settle := func(id int64, from, fromSource, to, source string) {
			ok, err := e.db.SettleRefund(e.ctx, id, from, fromSource, to, "X", "", source, e.svc.now(), e.svc.now())
			check(t, err)
			if !ok {
				t.Fatalf("history %d: refund %d not settled %s → %s", h, id, from, to)
			}
		}
		for step := range 20 {
			switch rng.IntN(8) {
			case 0, 1:
				processing = append(processing, newRefund(step, a.Amount/8*int64(1+rng.IntN(4)), 0))
			case 2:
				if id, ok := take(&failed); ok {
					r, err := e.db.RefundByID(e.ctx, id)
					check(t, err)
					processing = append(processing, newRefund(step, r.Amount, id)) // a retried refund we closed may still be made late
				}
			case 3:
				if id, ok := take(&processing); ok {
					if rng.IntN(2) == 0 {
						settle(id, db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
					} else {
						settle(id, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
						failed = append(failed, id)
					}
				}
			case 4, 5:
				if id, ok := take(&processing); ok {
					settle(id, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
					failed, ours = append(failed, id), append(ours, id)
				}
			case 6:
				if id, ok := take(&ours); ok {
					settle(id, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
					failed = slices.DeleteFunc(failed, func(f int64) bool { return f == id })
				}
			case 7:
				if id, ok := take(&failed); ok {
					_, err := e.db.MarkRefundHandled(e.ctx, id, "ann", "cash", e.svc.now()) // a settled one too
					check(t, err)
				}
			}
			refunds, err := e.db.OrderRefunds(e.ctx, a.OrderID)
			check(t, err)
			books := booksOf(a.Amount, refunds)
			want, err := e.db.FailedRefundTotal(e.ctx, a.ID)
			check(t, err)
			if got := books.owed(); got != want {
				t.Fatalf("history %d, step %d: the books in Go owe %d, the database's %d", h, step, got, want)
			}
			if want > 0 {
				compared++
			}
		}
	}
	if compared == 0 {
		t.Fatal("no history owed anything: the comparison says little")
	}
}

// found: Antom was found processing a refund we closed as failed.
func (h *refundHistory) found(id int64) {
	h.find(id).FoundProcessingAt = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
}

// Money refunds made late paid that the books still count owed (a new
// refund counted towards the failure, then failed itself, stays owed),
// not "got twice"; and what the buyer gets twice if Antom makes a refund
// it was found processing, after a new refund made it good.
func TestLateTwiceOwedAndFound(t *testing.T) {
	h := &refundHistory{}
	f := h.refund(1_000, 0)
	h.fail(f)
	n := h.refund(400, 0)
	r := h.refund(600, f)
	h.fail(n)
	h.fail(r)
	h.late(f)
	got := lateTwiceOf(10_000, h.refunds)
	if got.Got != 0 || got.May != 0 || got.Owed != 400 || got.IfFound != 0 {
		t.Errorf("a new refund and a retry failed, then the failure made late: %+v; want owed 400 only", got)
	}

	h = &refundHistory{}
	f = h.refund(1_000, 0)
	h.fail(f)
	h.made(h.refund(1_000, 0))
	h.found(f)
	got = lateTwiceOf(10_000, h.refunds)
	if got.Got != 0 || got.May != 0 || got.Owed != 0 || got.IfFound != 1_000 || len(got.Found) != 1 {
		t.Errorf("made good by a new refund, then found processing: %+v; want if found 1000", got)
	}
}

// Each amount said once between the older rule and this one (a third
// review's histories): a retry we closed made late at a later moment than
// its original, with a refund made between (the older rule says the
// retry's $10.00; this rule nothing more), and with a new refund made
// before the original (this rule the new refund's $10.00 beside it); a
// chain found processing, its second retry made (the older rule's
// $10.00 once, not three times).
func TestLateTwiceSaidOnceWithTheOlderRule(t *testing.T) {
	h := &refundHistory{}
	f := h.refund(1_000, 0)
	h.fail(f)
	r := h.refund(1_000, f)
	h.fail(r)
	h.late(f)
	h.made(h.refund(500, 0))
	h.late(r)
	if got := lateTwiceOf(10_000, h.refunds); got.Got != 0 || got.May != 0 {
		t.Errorf("retry made late after its original, a refund between: %+v; want nothing (the older rule's)", got)
	}

	h = &refundHistory{}
	f = h.refund(1_000, 0)
	h.fail(f)
	r = h.refund(1_000, f)
	h.fail(r)
	h.made(h.refund(1_000, 0))
	h.late(f)
	h.made(h.refund(500, 0))
	h.late(r)
	if got := lateTwiceOf(10_000, h.refunds); got.Got != 1_000 || got.May != 1_000 {
		t.Errorf("the same with a new refund before: %+v; want got 1000 beside the older rule's 1000", got)
	}

	h = &refundHistory{}
	f = h.refund(1_000, 0)
	h.fail(f)
	r = h.refund(1_000, f)
	h.fail(r)
	h.made(h.refund(1_000, r))
	h.found(f)
	h.found(r)
	if got := lateTwiceOf(10_000, h.refunds); got.IfFound != 1_000 {
		t.Errorf("a chain found processing, its second retry made: %+v; want if found 1000 (beside the older rule's may)", got)
	}
}

// A refund settled another way after Antom made another late is read as
// not settled at that moment: $5.00 closed by us (F) and $5.00 failed at
// Antom (G); a new $3.00 refund; Antom makes F late — the new refund now
// makes G good in part and the books owe $2.00 of it, truly owed (meant
// $10.00, got $8.00). Staff settle G another way for that $2.00: the
// buyer has $10.00, nothing twice (read as settled before F was made, it
// said the buyer got $3.00 more than was meant).
func TestLateTwiceSettledAfterTheLateSuccess(t *testing.T) {
	h := &refundHistory{}
	f, g := h.refund(500, 0), h.refund(500, 0)
	h.fail(f) // closed by us
	h.fail(g) // failed at Antom
	h.made(h.refund(300, 0))
	h.late(f)
	if l := lateTwiceOf(10_000, h.refunds); l.told() {
		t.Fatalf("before the settlement: %+v, want nothing told", l)
	}
	if owed := booksOf(10_000, h.refunds).owed(); owed != 200 {
		t.Fatalf("the books owe %d of G, want 200", owed)
	}
	h.settled(g, 200)
	if l := lateTwiceOf(10_000, h.refunds); l.told() {
		t.Errorf("G settled another way for what the books owed: got %d, may %d, owed %d; want nothing told", l.Got, l.May, l.Owed)
	}
}
