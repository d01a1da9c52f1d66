package views

import "time"

// Where the giving back of a payment an order did not need stands (the
// values of checkout's GivenBack* states).
const (
	GivenBackAsked        = "asked"          // refund sent, not confirmed yet
	GivenBackRefunding    = "refunding"      // refund on its way
	GivenBackRefunded     = "refunded"       // refund made
	GivenBackFailed       = "failed"         // refund failed: the shop returns it another way
	GivenBackPartOutside  = "part-outside"   // refund failed, part given back by refunds made outside the app: the shop returns the rest
	GivenBackReleasing    = "releasing"      // a card authorization being voided
	GivenBackReleased     = "released"       // voided: nothing taken
	GivenBackHoldForStaff = "hold-for-staff" // the void was refused: the hold stays until released or expired
	GivenBackForStaff     = "for-staff"      // cannot be given back automatically
)

// GivenBackLine is a payment the order did not need — another payment of
// the buyer's went through after all once the order was paid — and where
// giving it back stands.
type GivenBackLine struct {
	Method WalletNamed // DANA 0812****5678, Visa •••• 4242: kept whole as the headline keeps a wallet
	Amount string      // formatted
	State  string      // GivenBack*
	At     time.Time   // refunded: when (zero if not known)
	// Given and Owed (GivenBackPartOutside), formatted: what was given
	// back (by refunds made outside the app) and what is still owed.
	Given, Owed string
}

// givenBackField is the field of givenBackWords' messages that names
// the payment's method ({{.Method}}).
const givenBackField = "Method"

// givenBackWords names the sentence that tells line g.
func givenBackWords(g GivenBackLine) string {
	switch g.State {
	case GivenBackAsked:
		return "latecharge.refund_asked"
	case GivenBackRefunding:
		return "latecharge.refunding"
	case GivenBackRefunded:
		if !g.At.IsZero() {
			return "latecharge.refunded_on"
		}
		return "latecharge.refunded"
	case GivenBackFailed:
		return "latecharge.refund_failed"
	case GivenBackPartOutside:
		return "latecharge.refund_part_outside"
	case GivenBackReleasing:
		return "latecharge.releasing"
	case GivenBackReleased:
		return "latecharge.released"
	case GivenBackHoldForStaff:
		return "latecharge.hold_for_staff"
	}
	return "latecharge.for_staff"
}

// givenBackClass colours line g: done (refunded, released), under way,
// or left to the shop.
func givenBackClass(g GivenBackLine) string {
	switch g.State {
	case GivenBackRefunded, GivenBackReleased:
		return "notice notice-ok"
	case GivenBackFailed, GivenBackPartOutside, GivenBackForStaff, GivenBackHoldForStaff:
		return "notice notice-warn"
	}
	return "notice"
}

// givenBackAsksShop reports a line the shop must see to: the page gives
// the shop's contact beside it.
func givenBackAsksShop(g GivenBackLine) bool {
	return g.State == GivenBackFailed || g.State == GivenBackPartOutside || g.State == GivenBackForStaff || g.State == GivenBackHoldForStaff
}
