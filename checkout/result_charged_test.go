package checkout

import "testing"

// TestResultCharges walks the receipt's charges: shown only for a paid
// order charged less than its total or given money back, with what was
// given back taken off.
func TestResultCharges(t *testing.T) {
	jpy := func(n int64) Money { return Money{"JPY", n} }
	order := Order{Total: jpy(2400)}
	for _, tc := range []struct {
		name string
		r    Result
		want Charges
	}{
		{"paid in full", Result{Order: order, State: ResultPaid, Charged: jpy(2400)}, Charges{}},
		{"captured in part", Result{Order: order, State: ResultPaid, Charged: jpy(2000), Authorized: jpy(2400)},
			Charges{Charged: jpy(2000), Refunded: jpy(0), Settled: jpy(0), Net: jpy(2000)}},
		{"part captured, all refunded", Result{Order: order, State: ResultRefunded, Charged: jpy(2000), Refunded: jpy(2000)},
			Charges{Charged: jpy(2000), Refunded: jpy(2000), Settled: jpy(0), Net: jpy(0)}},
		{"paid in full, part refunded", Result{Order: order, State: ResultPartiallyRefunded, Charged: jpy(2400), Refunded: jpy(400)},
			Charges{Charged: jpy(2400), Refunded: jpy(400), Settled: jpy(0), Net: jpy(2000)}},
		{"refunded and settled", Result{Order: order, State: ResultRefunded, Charged: jpy(2400), Refunded: jpy(1400), RefundHandled: jpy(1000), RestSettled: true},
			Charges{Charged: jpy(2400), Refunded: jpy(1400), Settled: jpy(1000), Net: jpy(0)}},
		{"refund on its way", Result{Order: order, State: ResultPaid, Charged: jpy(2400), Refunding: jpy(400)}, Charges{}},
		{"authorized", Result{Order: order, State: ResultAuthorized, Authorized: jpy(2400)}, Charges{}},
		{"cancelled, given back", Result{Order: order, State: ResultCancelled, Returned: jpy(2400)}, Charges{}},
	} {
		got := tc.r.Charges()
		assertEqual(t, got, tc.want, tc.name)
		assertEqual(t, got.Shown(), tc.want.Charged.Minor > 0, tc.name+": shown")
	}
}

// TestResultPartial is "Charged X of the Y authorized": only a capture
// of less than the authorization.
func TestResultPartial(t *testing.T) {
	usd := func(n int64) Money { return Money{"USD", n} }
	assertEqual(t, Result{Authorized: usd(1200), Charged: usd(500)}.Partial(), true, "captured in part")
	assertEqual(t, Result{Authorized: usd(1200), Charged: usd(1200)}.Partial(), false, "captured whole")
	assertEqual(t, Result{Authorized: usd(1200)}.Partial(), false, "not captured")
	assertEqual(t, Result{Charged: usd(1200)}.Partial(), false, "AUTOMATIC")
}
