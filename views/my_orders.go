package views

import "time"

// MyOrdersPage is "My orders": a buyer's orders, newest first, or a
// guest's orders made in this browser.
type MyOrdersPage struct {
	Page
	Orders []MyOrderRow
	Guest  bool // not signed in: these are the orders of this browser
	More   bool // older orders exist beyond those listed
}

// MyOrderRow is one order on My orders.
type MyOrderRow struct {
	Ref         string
	Description string // "2 × Ceremonial matcha"
	Icon        string
	Total       string
	RestSettled bool   // refunded in part, the rest settled another way: said partially refunded
	State       string // one of the State* constants
	Pending     string // PendingReleasing or PendingCapturing: what the shop does with an authorization, not confirmed yet ("" if nothing)
	Unpayable   bool   // it can no longer be paid (checkout.Unpayable): not paid, or cancelled, it says so, not "Not paid yet"
	// EarlierMayPay (Unpayable): no new payment may start, but an earlier
	// one we closed is still watched and would pay it
	// (checkout.MyOrder.EarlierMayPay): it says so, not that it can no
	// longer be paid.
	EarlierMayPay bool
	CreatedAt     time.Time

	// Charged is what its receipt says was charged when that is not
	// simply Total (checkout.Charges): less than Total (Part: a card
	// authorization captured in part), or money given back since:
	// Refunded through the payment, Settled another way after a refund
	// failed ("" for none). All "" when Total is what was charged.
	Charged           string
	Part              bool
	Refunded, Settled string
	// RefundOwed is what failed refunds of it still owe the buyer, as its
	// receipt says it (checkout.MyOrder.RefundFailed; "" for nothing), in
	// RefundFailures failed refunds.
	RefundOwed     string
	RefundFailures int
	// Refunding and RefundConfirming are its refunds still under way, as
	// its result page says them (checkout.MyOrder.Refunding and
	// RefundConfirming; "" for none): on their way, and not confirmed
	// yet.
	Refunding, RefundConfirming string
}

// partLines reports an amount of more than its total: lines of its own
// (app.css .price-part).
func (o MyOrderRow) partLines() bool {
	return o.Charged != "" || o.RefundOwed != "" || o.Refunding != "" || o.RefundConfirming != ""
}
