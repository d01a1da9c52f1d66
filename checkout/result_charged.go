package checkout

// Partial reports a card authorization captured in part: less was
// charged than authorized, the rest released ("Charged ¥2,000 of the
// ¥2,400 authorized").
func (r Result) Partial() bool {
	return r.Authorized.Minor > 0 && r.Charged.Minor > 0 && r.Charged.Minor < r.Authorized.Minor
}

// Charges are what an order's receipt says was charged when that is not
// simply the order's total: an authorization captured in part (paidPart,
// as My orders says it), or money given back since.
type Charges struct {
	Charged  Money // taken from the buyer (Result.Charged)
	Refunded Money // refunds made through the payment (Result.Refunded)
	// Settled: failed refunds the shop says it settled with the buyer
	// another way (Result.RefundHandled).
	Settled Money
	// Net is Charged less Refunded and Settled: what the buyer paid in
	// the end, the figure to claim.
	Net Money
}

// Shown reports charges to show: zero Charges mean the order's total is
// what was charged.
func (c Charges) Shown() bool { return c.Charged.Minor > 0 }

// Charges are the receipt's charges: zero unless the order is in a paid
// state (paid, (partially) refunded, (partly) settled another way) and
// was charged less than its total or had money given back. Refunds on
// their way or being confirmed are not given back yet. My orders says
// the same (chargesOf, MyOrder.Charges).
func (r Result) Charges() Charges {
	return chargesOf(r.State, r.Order.Total, r.Charged.Minor, r.Refunded.Minor, r.RefundHandled.Minor)
}

// failedOwed is what staff refunds of an order that failed still owe its
// buyer, and in how many failed refunds: of an order in state
// (paidState's, or resultState's ResultPaid), owed in failures failed
// refunds (db's FailedRefunds: owed in minor units of currency); zero
// for an order in no paid state. The one rule of it for its receipt
// (Result.RefundFailed, RefundFailures) and its line on My orders
// (MyOrder.RefundFailed, RefundFailures).
func failedOwed(state, currency string, owed int64, failures int) (Money, int) {
	if !inPaidState(state) {
		return Money{}, 0
	}
	return Money{currency, owed}, failures
}

// chargesOf is the one rule of what was charged for an order, for its
// receipt (Result.Charges) and its line on My orders (MyOrder.Charges):
// an order in state (paidState's) whose total is total, that charged
// charged (paidOf), of which refunds made through the payment gave back
// refunded and failed refunds settled another way handled, all in minor
// units of total's currency (which its attempts share).
func chargesOf(state string, total Money, charged, refunded, handled int64) Charges {
	back := refunded + handled
	if !inPaidState(state) || charged <= 0 || (paidPart(state, total, charged).Minor == 0 && back == 0) {
		return Charges{}
	}
	cur := total.Currency
	return Charges{
		Charged: Money{cur, charged}, Refunded: Money{cur, refunded}, Settled: Money{cur, handled},
		Net: Money{cur, max(charged-back, 0)},
	}
}
