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
