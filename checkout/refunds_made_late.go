package checkout

import (
	"context"
	"slices"

	"antom-checkout/db"
)

// Refunds we closed as failed that Antom made after all (made late), and
// money the buyer got twice through them.
//
// A refund we closed as failed ourselves (three ORDER_NOT_EXIST answers)
// is a failure in the books: a new refund made after it failed makes it
// good (db/refunds_owed.go), and once a Refund lookup said Antom has no
// such refund staff may refund again. If Antom then makes it after all,
// the buyer got its amount on top of what was meant. What was meant is
// what the books held when Antom made it: what the buyer had got, and
// what the failures still left owed (owed before, the refunds made late
// still failures). Of what Antom's late refunds gave, what the books
// owed before was due; what they leave owed now is still due on top:
//
//	got twice = made late − owed before + owed now
//
// both books over the refunds that existed when Antom made the last of
// them (late_mark: a refund made after was made knowing of it). Two
// failures of $4.00 closed by us, one new $4.00 refund, one of the two
// made late: owed before $4.00 (the new refund made one good), owed now
// nothing (it makes the other good): $4.00 − $4.00 + 0 = nothing twice.
// A refund made late that was settled another way, or retried by a
// refund made, processing or settled another way, is the older rule's
// (db's refundPaidTwice) and not counted here: each way of paying twice
// is said once. A refund made late before migration 46 has no late_mark:
// its payment is not told.
//
// Refunds still processing count as made in the books; the buyer surely
// got (Got) what the rule gives with them failed instead, and may get up
// to May if Antom makes them.

// lateTwice is one payment's refunds made late (Late: those counted, in
// id order) and what the buyer got twice through them for sure (Got) and
// if Antom makes what is still processing (May; >= Got), minor units;
// zero when nothing.
type lateTwice struct {
	Got, May int64
	Late     []db.Refund
}

// madeLate reports whether r is a refund we closed as failed that Antom
// made after all (FAIL turned SUCCESS: its fail_seq kept).
func madeLate(r db.Refund) bool { return r.Status == db.RefundSuccess && r.FailSeq > 0 }

// lateTwiceOf is lateTwice of a payment that took paid (minor units)
// with refunds (all of the payment's, any order).
func lateTwiceOf(paid int64, refunds []db.Refund) lateTwice {
	var out lateTwice
	var mark, late int64
	for _, r := range refunds {
		if !madeLate(r) {
			continue
		}
		if r.LateMark == 0 {
			return lateTwice{} // made late before migration 46: not told
		}
		mark = max(mark, r.LateMark)
		if r.Automatic || !r.HandledAt.IsZero() || olderRuleTells(refunds, r) {
			continue
		}
		out.Late = append(out.Late, r)
		late += r.Amount
	}
	if late == 0 {
		return lateTwice{}
	}
	then := slices.DeleteFunc(slices.Clone(refunds), func(r db.Refund) bool { return r.ID > mark })
	slices.SortFunc(then, func(a, b db.Refund) int { return int(a.ID - b.ID) })
	twice := func(refunds []db.Refund) int64 {
		before := refundBooks{paid: paid, refunds: refunds, owing: owingBeforeLate(refunds), making: makingBeforeLate,
			refunded: func(r db.Refund) bool { return r.Status == db.RefundSuccess && !madeLate(r) }}
		now := refundBooks{paid: paid, refunds: refunds, owing: owingNow(refunds), making: makingNow, refunded: refundedNow}
		return max(late-before.owed()+now.owed(), 0)
	}
	out.May, out.Got = twice(then), twice(processingFailed(then))
	if out.May == 0 {
		return lateTwice{}
	}
	return out
}

// owingBeforeLate is the books' failures before Antom made the refunds
// made late: those too (then FAIL), and no retry chain made yet.
func owingBeforeLate(refunds []db.Refund) func(db.Refund) bool {
	return func(r db.Refund) bool {
		return (r.Status == db.RefundFail || madeLate(r)) && !r.Automatic && r.HandledAt.IsZero() && !retried(refunds, r)
	}
}

// makingBeforeLate is makingNow before Antom made the refunds made late:
// they made nothing good then.
func makingBeforeLate(r db.Refund) bool { return makingNow(r) && !madeLate(r) }

// processingFailed is refunds with those still processing failed (after
// every other, as the last to fail), for what the buyer surely got.
func processingFailed(refunds []db.Refund) []db.Refund {
	out := slices.Clone(refunds)
	var mark, seq int64
	for _, r := range out {
		mark, seq = max(mark, r.ID), max(seq, r.FailSeq)
	}
	for i, r := range out {
		if r.Status == db.RefundProcessing {
			seq++
			out[i].Status, out[i].FailMark, out[i].FailSeq = db.RefundFail, mark, seq
		}
	}
	return out
}

// olderRuleTells reports whether refund r, made late, is the older
// rule's (db's refundRetriedThenMade): a later refund of its retry chain
// is made, processing or settled another way.
func olderRuleTells(refunds []db.Refund, r db.Refund) bool {
	root := r.RetryRoot
	if root == 0 {
		root = r.ID
	}
	for _, t := range refunds {
		if t.RetryRoot == root && t.ID > r.ID && (t.Status != db.RefundFail || !t.HandledAt.IsZero()) {
			return true
		}
	}
	return false
}

// lateTwiceByAttempt is lateTwiceOf of each payment of refunds (an
// order's) that has a refund made late, by attempt id; paid gives what
// each took. Nil when none has.
func lateTwiceByAttempt(refunds []db.Refund, paid func(attemptID int64) int64) map[int64]lateTwice {
	var out map[int64]lateTwice
	for _, r := range refunds {
		if _, seen := out[r.AttemptID]; seen || !madeLate(r) {
			continue
		}
		var of []db.Refund
		for _, x := range refunds {
			if x.AttemptID == r.AttemptID {
				of = append(of, x)
			}
		}
		if out == nil {
			out = map[int64]lateTwice{}
		}
		out[r.AttemptID] = lateTwiceOf(paid(r.AttemptID), of)
	}
	return out
}

// ordersLateTwice returns the orders with a payment whose buyer got (or
// may get) money twice through refunds made late, by order id: Got > 0
// for one that got it (the list's "refund made twice"), May > Got for
// one that may get more (its "may be made twice"); and how many payments
// there are. One indexed read when there is no refund made late.
func (s *Service) ordersLateTwice(ctx context.Context) (orders map[int64]lateTwice, payments int, err error) {
	ps, err := s.db.PaymentsWithRefundsMadeLate(ctx)
	if err != nil || len(ps) == 0 {
		return nil, 0, err
	}
	orders = map[int64]lateTwice{}
	for _, p := range ps {
		t := lateTwiceOf(p.Paid, p.Refunds)
		if t.May == 0 {
			continue
		}
		payments++
		o := orders[p.OrderID]
		o.Got, o.May = o.Got+t.Got, o.May+t.May
		o.Late = append(o.Late, t.Late...)
		orders[p.OrderID] = o
	}
	return orders, payments, nil
}
