package checkout

// RefundingAll reports a paid order whose whole payment is on its way
// back to the buyer: refunds Antom accepted (Refunding, in minor units
// of the payment's currency) give back all that was charged, none made
// yet. Its page says the money is going back rather than thanking the
// buyer for the order, by card or wallet alike; a refund of part leaves
// it paid, and once a refund is made the order is (partially) refunded
// (paidState).
func (r Result) RefundingAll() bool {
	return r.State == ResultPaid && r.Charged.Minor > 0 && r.Refunding.Minor >= r.Charged.Minor
}

// RefundConfirmingAll reports a paid order whose whole payment staff are
// giving back, in refunds some of which Antom has not confirmed yet
// (RefundConfirming; the rest on their way, Refunding): its page says a
// refund of all of it is being confirmed — not "Thank you for your order"
// above it (trial), nor that it is on its way, which is not certain yet
// (RefundingAll is for that).
func (r Result) RefundConfirmingAll() bool {
	return r.State == ResultPaid && r.Charged.Minor > 0 && r.RefundConfirming.Minor > 0 &&
		r.Refunding.Minor+r.RefundConfirming.Minor >= r.Charged.Minor
}

// RefundOwedAll reports a paid order whose whole payment failed refunds
// still owe its buyer (RefundFailed: staff meant to give it all back, and
// it did not go through): its page says so rather than thanking the buyer
// for the order, as if nothing were happening (trial). A failure owing
// part of it leaves the paid headline, the notice saying what is owed.
func (r Result) RefundOwedAll() bool {
	return r.State == ResultPaid && r.Charged.Minor > 0 && r.RefundFailed.Minor >= r.Charged.Minor
}
