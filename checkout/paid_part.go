package checkout

// paidPart is what the buyer paid on an order (paid: paidOf, minor units
// of the order's currency, which its attempts share) when that is less
// than the order's total: a card authorization captured in part, the
// rest released. It is zero when the order is not in a paid state
// (state: paid, (partially) refunded, (partly) settled another way), or
// paid its whole total, so lists say "$5.00 of $12.00" only where the
// money taken was less.
func paidPart(state string, total Money, paid int64) Money {
	if !inPaidState(state) || paid <= 0 || paid >= total.Minor {
		return Money{}
	}
	return Money{total.Currency, paid}
}

// inPaidState reports a state in which the buyer paid: paid, (partially)
// refunded, (partly) settled another way.
func inPaidState(state string) bool {
	switch state {
	case ResultPaid, ResultPartiallyRefunded, ResultRefunded, ResultPartlySettled, ResultSettled:
		return true
	}
	return false
}
