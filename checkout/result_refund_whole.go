package checkout

// refundParts is which parts of a paid order's payment refunds are
// giving back, and how: on their way (Refunding: Antom accepted them),
// being confirmed (RefundConfirming: Antom has not answered yet), and
// still owed (RefundFailed: failed refunds staff meant to make).
type refundParts struct{ onWay, confirming, owed bool }

// wholeRefundHeads is the rule of a paid order's headline while refunds
// give back all of its payment (WholeRefundHead): for the parts they are
// in, the headline's message. What is being confirmed is not certain
// yet, so a part on its way beside it is said as being confirmed too (the
// whole going back is not certain); what failed refunds owe is said
// apart, as the rest still owed — beside both, a part on its way and
// one being confirmed are said both, so that "the rest" is what failed
// refunds owe alone (review). Each refund's notice under the headline
// says its own amount.
var wholeRefundHeads = map[refundParts]string{
	{onWay: true}:                               "result.head_paid_refunding",
	{confirming: true}:                          "result.head_paid_refund_confirming",
	{onWay: true, confirming: true}:             "result.head_paid_refund_confirming",
	{owed: true}:                                "result.head_paid_refund_owed",
	{onWay: true, owed: true}:                   "result.head_paid_refund_on_way_owed",
	{confirming: true, owed: true}:              "result.head_paid_refund_confirming_owed",
	{onWay: true, confirming: true, owed: true}: "result.head_paid_refund_on_way_confirming_owed",
}

// WholeRefundHead is the headline's message of a paid order whose whole
// payment refunds are giving back — on their way, being confirmed, still
// owed by ones that failed, or some of each (wholeRefundHeads) — rather
// than "Thank you for your order" above them (trial), by card or wallet
// alike; "" for any other order. What failed refunds owe is never more
// than what is left of the payment after those under way (db's
// FailedRefunds), so the three add up to what was charged only when all
// of it is going back or owed. A refund of part leaves the paid
// headline, the notices saying what is under way or owed; once a refund
// is made the order is (partially) refunded (paidState).
func (r Result) WholeRefundHead() string {
	if r.State != ResultPaid || r.Charged.Minor <= 0 ||
		r.Refunding.Minor+r.RefundConfirming.Minor+r.RefundFailed.Minor < r.Charged.Minor {
		return ""
	}
	return wholeRefundHeads[refundParts{onWay: r.Refunding.Minor > 0, confirming: r.RefundConfirming.Minor > 0, owed: r.RefundFailed.Minor > 0}]
}
