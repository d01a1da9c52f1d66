package checkout

import (
	"time"

	"antom-checkout/db"
)

// refundBooks is what one payment's failed staff refunds leave owed, by
// the books' rule (db/refunds_owed.go, which pages read in SQL), worked
// out in Go over a set of the payment's refunds for the rule of refunds
// made late (refunds_made_late.go), which reads the books as they stood
// at a past moment — a thing the stored figures cannot say. Which
// refunds are failures (owing) and which make failures good (making)
// are the books' choice; paid is what the payment took (minor units).
type refundBooks struct {
	paid    int64
	refunds []db.Refund
	// owing: refund r is a failure; making: r makes good the failures
	// that failed before it was made; refunded: r counts as money the
	// buyer got through the payment (SUCCESS, as the books count it).
	owing, making, refunded func(r db.Refund) bool
	// closed: r is a failure staff closed (settled another way or tried
	// again), and kept is what of it staff did not pay that way (minor
	// units: its amount less what was settled and what its retry asks,
	// > 0): what refunds made after it failed had made good of it then.
	// It keeps them, in its place in the order failures failed, and owes
	// nothing itself.
	closed func(r db.Refund) (kept int64, ok bool)
}

// allotments is what the books owe of each open failure, by refund id
// (minor units, > 0; refundsOwed's allotted): each failure's remainder
// — its amount less what refunds made after the failures up to it
// failed made good, oldest unmet first (a closed failure, with what it
// keeps, among them) — allotted oldest first out of what may still be
// refunded of the payment (paid less refunded, processing and settled
// another way).
func (b refundBooks) allotments() map[int64]int64 {
	allotted := map[int64]int64{}
	for id, o := range b.owedEach() {
		allotted[id] = o.Owed
	}
	return allotted
}

// owedEach is allotments with each open failure's remainder besides, as
// db's RefundFailuresOwed gives them (Owed: the allotment; Unmet: the
// remainder), by refund id.
func (b refundBooks) owedEach() map[int64]db.RefundOwed {
	var failures []db.Refund
	open := map[int64]bool{}
	var taken int64 // refunded, processing and settled another way
	for _, r := range b.refunds {
		if b.owing(r) {
			failures, open[r.ID] = append(failures, r), true
		} else if kept, ok := b.closed(r); ok {
			r.Amount = kept
			failures = append(failures, r)
		}
		switch {
		case r.Status == db.RefundProcessing:
			taken += r.Amount
		case b.refunded(r):
			taken += r.Amount
		}
		if !r.HandledAt.IsZero() {
			taken += r.HandledAmount
		}
	}
	left := b.paid - taken
	allotted := map[int64]db.RefundOwed{}
	for _, r := range failures {
		if !open[r.ID] {
			continue
		}
		unmet := b.unmet(failures, r)
		remainder := min(r.Amount, unmet)
		room := left - unmet + remainder
		if remainder > 0 && room > 0 {
			allotted[r.ID] = db.RefundOwed{Owed: min(room, remainder), Unmet: remainder}
		}
	}
	return allotted
}

// owed is what the failures leave owed in all (minor units): the sum of
// their allotments (FailedRefundTotal).
func (b refundBooks) owed() int64 {
	var total int64
	for _, a := range b.allotments() {
		total += a
	}
	return total
}

// unmet is what is unmet of the failures up to r (by fail_seq): the
// largest, over failures g up to r, of the failures from g to r less the
// refunds that make good (making) made after g failed (refundsOwed's
// unmet).
func (b refundBooks) unmet(failures []db.Refund, r db.Refund) int64 {
	var most int64
	first := true
	for _, g := range failures {
		if g.FailSeq > r.FailSeq {
			continue
		}
		var u int64
		for _, f := range failures {
			if f.FailSeq >= g.FailSeq && f.FailSeq <= r.FailSeq {
				u += f.Amount
			}
		}
		for _, n := range b.refunds {
			if n.ID > g.FailMark && b.making(n) {
				u -= n.Amount
			}
		}
		if first || u > most {
			most, first = u, false
		}
	}
	return most
}

// retried reports whether a refund of refunds tries r again.
func retried(refunds []db.Refund, r db.Refund) bool {
	for _, t := range refunds {
		if t.RetryOf == r.ID {
			return true
		}
	}
	return false
}

// retryChainMade reports whether r is a retry with a refund earlier in
// its retry chain that Antom made after all (db's retryChainMadeR).
func retryChainMade(refunds []db.Refund, r db.Refund) bool {
	_, ok := chainMade(refunds, r)
	return ok
}

// chainMade is the first refund of refunds earlier in r's retry chain
// that Antom made (retryChainMade), if r is a retry with one.
func chainMade(refunds []db.Refund, r db.Refund) (db.Refund, bool) {
	if r.RetryRoot == 0 {
		return db.Refund{}, false
	}
	for _, a := range refunds {
		if (a.ID == r.RetryRoot || a.RetryRoot == r.RetryRoot) && a.ID < r.ID && a.Status == db.RefundSuccess {
			return a, true
		}
	}
	return db.Refund{}, false
}

// owingNow is db's owingR over refunds: a staff refund that failed (not
// for what refunds made outside this app took), not settled another way, not retried, not a retry whose chain Antom made.
func owingNow(refunds []db.Refund) func(db.Refund) bool {
	return func(r db.Refund) bool {
		return r.Status == db.RefundFail && !r.Automatic && !r.OutsideTook && r.HandledAt.IsZero() && !retried(refunds, r) && !retryChainMade(refunds, r)
	}
}

// closedNow is db's keptR over refunds: of a staff refund that failed,
// not a retry whose chain Antom made, that staff settled another way or
// tried again, what it keeps (minor units, when > 0) — what refunds
// made after it failed and before it was closed (keptBy) had made good
// of it then, oldest first (madeGoodOf), as far as its amount less what
// was settled and what its retries ask (unpaid) still leaves.
func closedNow(refunds []db.Refund) func(db.Refund) (int64, bool) {
	return func(r db.Refund) (int64, bool) {
		if !failedNow(refunds, r) {
			return 0, false
		}
		unpaid, ok := unpaidOf(refunds, r)
		if !ok {
			return 0, false // open
		}
		kept := min(unpaid, madeGoodOf(refunds, r))
		return kept, kept > 0
	}
}

// failedNow is db's failedR over refunds: a staff refund that failed
// (not for what refunds made outside this app took), not a retry whose chain Antom made.
func failedNow(refunds []db.Refund, r db.Refund) bool {
	return r.Status == db.RefundFail && !r.Automatic && !r.OutsideTook && !retryChainMade(refunds, r)
}

// unpaidOf is db's keptR's unpaid: of a failure staff closed (settled
// another way or tried again), its amount less what was settled and
// what its retries ask (minor units, may be ≤ 0); ok false while open.
func unpaidOf(refunds []db.Refund, r db.Refund) (unpaid int64, ok bool) {
	unpaid = r.Amount - r.HandledAmount
	for _, t := range refunds {
		if t.RetryOf == r.ID {
			unpaid -= t.Amount
			ok = true
		}
	}
	return unpaid, ok || !r.HandledAt.IsZero()
}

// closedAt is when failure r was closed (db's closedAtR): when it was
// settled another way, else when its first retry was made; zero while
// open.
func closedAt(refunds []db.Refund, r db.Refund) time.Time {
	if !r.HandledAt.IsZero() {
		return r.HandledAt
	}
	var at time.Time
	for _, t := range refunds {
		if t.RetryOf == r.ID && (at.IsZero() || t.CreatedAt.Before(at)) {
			at = t.CreatedAt
		}
	}
	return at
}

// keptBy is db's keptByN: refund n was made before failure r was
// closed — before its first retry (a smaller id), or, settled another
// way, by then.
func keptBy(refunds []db.Refund, r, n db.Refund) bool {
	for _, t := range refunds {
		if t.RetryOf == r.ID && t.ID <= n.ID {
			return false
		}
	}
	return r.HandledAt.IsZero() || !n.CreatedAt.After(r.HandledAt)
}

// madeGoodOf is db's madeGoodR: what of closed failure r's amount the
// refunds that make good made before it was closed (keptBy) had made
// good of it then, oldest first (minor units, 0 to its amount): its
// amount less its remainder as the books stood when it was closed —
// over the failures up to it (by fail_seq), each older one closed
// before it at what it left unpaid (unpaidOf, never below 0), the
// others (open then) at their amount. A refund that made good an older
// failure first is not counted again as making good r.
func madeGoodOf(refunds []db.Refund, r db.Refund) int64 {
	at := closedAt(refunds, r)
	var failures []db.Refund
	for _, f := range refunds {
		if f.FailSeq > r.FailSeq || !failedNow(refunds, f) {
			continue
		}
		if f.ID != r.ID {
			if c := closedAt(refunds, f); !c.IsZero() && c.Before(at) {
				unpaid, _ := unpaidOf(refunds, f)
				f.Amount = max(unpaid, 0)
			}
		}
		failures = append(failures, f)
	}
	var most int64
	first := true
	for _, g := range failures {
		var u int64
		for _, f := range failures {
			if f.FailSeq >= g.FailSeq {
				u += f.Amount
			}
		}
		for _, n := range refunds {
			if n.ID > g.FailMark && makingNow(n) && keptBy(refunds, r, n) {
				u -= n.Amount
			}
		}
		if first || u > most {
			most, first = u, false
		}
	}
	return r.Amount - min(max(most, 0), r.Amount)
}

// makingNow is db's makingGoodN: processing or done, no retry, never
// failed (a refund made late pays only its own chain's debt), not made
// outside this app (it makes good none of ours).
func makingNow(r db.Refund) bool {
	return r.Status != db.RefundFail && r.RetryOf == 0 && r.FailSeq == 0 && !r.Outside
}

// refundedNow: the buyer got it (SUCCESS).
func refundedNow(r db.Refund) bool { return r.Status == db.RefundSuccess }
