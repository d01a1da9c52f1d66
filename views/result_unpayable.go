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
