package checkout

import (
	"cmp"
	"slices"
	"time"

	"antom-checkout/db"
)

// PaidTwice is a staff refund the buyer got (or may get) beyond what was
// owed: a refund we closed as failed that Antom made after all, once its
// money had been made good another way (refundsPaidTwice).
type PaidTwice struct {
	OrderID  int64
	RefundID int64 // the refund flagged: the one made after all, or the retry made beside it
	// With: the refundRequestId of the refund earlier in RefundID's
	// retry chain that Antom made after all ("" when RefundID itself
	// was made after all).
	With string
	// By: the refundRequestIds of the new refunds (not retries) that
	// counted against RefundID while it stood failed (oldest unpaid
	// failure first), oldest first; nil if none did.
	By []string
	// Excess: what the buyer got beyond what was owed (or may get, when
	// Maybe), in the payment's currency's minor units; > 0.
	Excess int64
	// Maybe: part of Excess rides on a refund still PROCESSING: Antom
	// may yet make it, and then the buyer gets it.
	Maybe bool
}

// refundsPaidTwice is the one rule for "refund paid twice": the order
// page's notice and flags, the orders list's badge, the
// refund-paid-twice filter and the dashboard's count all read it. Over
// refunds, every refund of each payment it covers (whole payments, any
// order), it returns the refunds whose money the buyer got twice, in
// refund id order.
//
// A staff refund that failed (we closed it as failed ourselves: three
// ORDER_NOT_EXIST answers) is a debt. While it stands failed, its money
// can be made good three ways: staff try it again (its retry), settle it
// with the buyer another way (HandledAmount), or make a new refund of
// the payment, which the books count against the failures that failed
// before it was made, oldest unpaid first (db's refundsOwed). If Antom
// then makes the failed refund after all (a late SUCCESS), what was
// made good of it the buyer got twice:
//
//   - made after all, after new refunds counted against it or after it
//     was settled another way: flagged on that refund; Excess is what
//     those made good of it (never more than its amount);
//   - its retry (or a later one in its retry chain) made too or still
//     processing (Maybe), or failed and then made good (settled, or new
//     refunds counted against it): flagged on that retry, With the
//     refund made after all.
//
// New refunds count against a failure as the books counted them while
// it stood failed: made after it failed (id > FailMark), made before it
// stopped standing failed (settled another way, made after all, or a
// refund earlier in its retry chain made after all), not a retry, not
// failed, not made after all themselves (a late success pays its own
// debt).
func refundsPaidTwice(refunds []db.Refund) []PaidTwice {
	byPayment := map[int64][]db.Refund{}
	for _, r := range refunds {
		byPayment[r.AttemptID] = append(byPayment[r.AttemptID], r)
	}
	var out []PaidTwice
	for _, rs := range byPayment {
		out = append(out, paymentPaidTwice(rs)...)
	}
	slices.SortFunc(out, func(a, b PaidTwice) int { return cmp.Compare(a.RefundID, b.RefundID) })
	return out
}

// paymentPaidTwice is refundsPaidTwice over the refunds of one payment.
func paymentPaidTwice(rs []db.Refund) []PaidTwice {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b db.Refund) int { return cmp.Compare(a.ID, b.ID) })
	byID, retried := map[int64]db.Refund{}, map[int64]bool{}
	for _, r := range rs {
		byID[r.ID] = r
		if r.RetryOf != 0 {
			retried[r.RetryOf] = true
		}
	}
	// madeAncestor is the nearest refund earlier in r's retry chain that
	// Antom made (ID 0 if none).
	madeAncestor := func(r db.Refund) db.Refund {
		for seen := 0; r.RetryOf != 0 && seen < len(rs); seen++ {
			r = byID[r.RetryOf]
			if r.Status == db.RefundSuccess {
				return r
			}
		}
		return db.Refund{}
	}
	failedOnce := func(r db.Refund) bool {
		return !r.Automatic && (r.FailMark > 0 || r.FailSeq > 0 || r.Status == db.RefundFail || !r.HandledAt.IsZero() || retried[r.ID])
	}
	// The failures new refunds may count against, oldest first, and
	// when each stopped standing failed (zero: it still does).
	type failure struct {
		r      db.Refund
		closed time.Time
		met    int64
		by     []string
		maybe  bool
	}
	var failures []*failure
	for _, r := range rs {
		if !failedOnce(r) || retried[r.ID] {
			continue
		}
		f := &failure{r: r, closed: r.HandledAt}
		if r.Status == db.RefundSuccess {
			f.closed = earliest(f.closed, r.UpdatedAt)
		}
		if a := madeAncestor(r); a.ID != 0 {
			f.closed = earliest(f.closed, a.UpdatedAt)
		}
		failures = append(failures, f)
	}
	slices.SortStableFunc(failures, func(a, b *failure) int {
		return cmp.Or(cmp.Compare(a.r.FailSeq, b.r.FailSeq), cmp.Compare(a.r.FailMark, b.r.FailMark), cmp.Compare(a.r.ID, b.r.ID))
	})
	for _, n := range rs {
		if n.Status == db.RefundFail || n.RetryOf != 0 || n.Automatic || failedOnce(n) {
			continue
		}
		rest := n.Amount
		for _, f := range failures {
			if rest == 0 {
				break
			}
			if n.ID <= f.r.FailMark || (!f.closed.IsZero() && n.CreatedAt.After(f.closed)) || f.met >= f.r.Amount {
				continue
			}
			take := min(rest, f.r.Amount-f.met)
			f.met, rest = f.met+take, rest-take
			f.by = append(f.by, n.RefundRequestID)
			f.maybe = f.maybe || n.Status == db.RefundProcessing
		}
	}
	var out []PaidTwice
	for _, f := range failures {
		r, a := f.r, madeAncestor(f.r)
		if (a.ID == 0 && r.Status != db.RefundSuccess) || (a.ID != 0 && r.Status != db.RefundFail) {
			continue // not made after all; or a retry made or processing beside its chain's (below)
		}
		if excess := min(r.Amount, f.met+r.HandledAmount); excess > 0 {
			out = append(out, PaidTwice{OrderID: r.OrderID, RefundID: r.ID, With: a.RefundRequestID, By: f.by, Excess: excess, Maybe: f.maybe})
		}
	}
	// A retry made or still processing while a refund earlier in its
	// chain was made after all: the buyer got (or may get) its amount
	// twice.
	for _, r := range rs {
		if r.RetryOf == 0 || r.Status == db.RefundFail {
			continue
		}
		if a := madeAncestor(r); a.ID != 0 {
			out = append(out, PaidTwice{OrderID: r.OrderID, RefundID: r.ID, With: a.RefundRequestID, Excess: r.Amount, Maybe: r.Status == db.RefundProcessing})
		}
	}
	return out
}

// earliest is the earlier of a and b, a zero time counting as none.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
