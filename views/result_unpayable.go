package views

// whenUnpayable is message ended on an order that can no longer be paid
// (r.Unpayable, said under it), else open: the same words without their
// "please try again" or their promise of a new payment.
func whenUnpayable(r ResultCard, ended, open string) string {
	if r.Unpayable != "" {
		return ended
	}
	return open
}

// whenUnpayable is message ended on checkout page m of an order that can
// no longer be paid (m.Unpayable, said under it), else open: the same
// words without their "Choose how to pay.".
func (m CheckoutPage) whenUnpayable(ended, open string) string {
	if m.Unpayable != "" {
		return ended
	}
	return open
}
