package checkout

import "antom-checkout/db"

// What the older rule of refunds paid twice (db/refunds_paid_twice.go)
// says, for the rule of refunds made late (refunds_made_late.go) to take
// off: each way of paying twice is said once.

// olderFlag is a refund the older rule (db's refundPaidTwice,
// refundFoundTwice) flags, with what it says the buyer got twice of it
// (says, minor units) and the retry chain it is in (root: the chain's
// first refund, or the refund itself).
type olderFlag struct {
	id, root, says int64
}

// pinnedOn reports whether f is flagged because of refund r made late:
// r itself, settled another way, or a refund earlier in f's chain.
func (f olderFlag) pinnedOn(r db.Refund) bool {
	root := r.RetryRoot
	if root == 0 {
		root = r.ID
	}
	return f.id == r.ID || f.root == root && f.id > r.ID
}

// olderRuleFlags is what the older rule flags of refunds as they stand,
// by refund id: a refund settled another way, then made (its amount);
// a retry made, processing, or failed and settled another way whose
// chain has an earlier refund made (its amount, or what was settled).
func olderRuleFlags(refunds []db.Refund) map[int64]olderFlag {
	out := map[int64]olderFlag{}
	for _, r := range refunds {
		root := r.RetryRoot
		if root == 0 {
			root = r.ID
		}
		switch {
		case r.Status == db.RefundSuccess && !r.HandledAt.IsZero():
			out[r.ID] = olderFlag{id: r.ID, root: root, says: r.Amount}
		case (r.Status != db.RefundFail || !r.HandledAt.IsZero()) && retryChainMade(refunds, r):
			says := r.Amount
			if r.Status == db.RefundFail {
				says = r.HandledAmount
			}
			out[r.ID] = olderFlag{id: r.ID, root: root, says: says}
		}
	}
	return out
}
