package checkout

import "antom-checkout/db"

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
}

// owed is what the failures leave owed in all (minor units): each
// failure's remainder — its amount less what refunds made after the
// failures up to it failed made good, oldest unmet first — allotted
// oldest first out of what may still be refunded of the payment (paid
// less refunded, processing and settled another way), as refundsOwed's
// allotted and FailedRefundTotal.
func (b refundBooks) owed() int64 {
	var failures []db.Refund
	var taken int64 // refunded, processing and settled another way
	for _, r := range b.refunds {
		if b.owing(r) {
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
	var total int64
	for _, r := range failures {
		unmet := b.unmet(failures, r)
		remainder := min(r.Amount, unmet)
		room := left - unmet + remainder
		if remainder > 0 && room > 0 {
			total += min(room, remainder)
		}
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
	if r.RetryRoot == 0 {
		return false
	}
	for _, a := range refunds {
		if (a.ID == r.RetryRoot || a.RetryRoot == r.RetryRoot) && a.ID < r.ID && a.Status == db.RefundSuccess {
			return true
		}
	}
	return false
}

// owingNow is db's owingR over refunds: a staff refund that failed, not
// settled another way, not retried, not a retry whose chain Antom made.
func owingNow(refunds []db.Refund) func(db.Refund) bool {
	return func(r db.Refund) bool {
		return r.Status == db.RefundFail && !r.Automatic && r.HandledAt.IsZero() && !retried(refunds, r) && !retryChainMade(refunds, r)
	}
}

// makingNow is db's makingGoodN: processing or done, and no retry.
func makingNow(r db.Refund) bool { return r.Status != db.RefundFail && r.RetryOf == 0 }

// refundedNow: the buyer got it (SUCCESS).
func refundedNow(r db.Refund) bool { return r.Status == db.RefundSuccess }
