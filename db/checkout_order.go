package db

import (
	"context"
	"time"
)

// CheckoutAttempt is what the checkout page reads of an order's latest
// attempt (the one LatestAttempt returns): enough to tell where the last
// payment stands and why it did not go through. ID 0: the order has none.
type CheckoutAttempt struct {
	ID           int64
	Method       string // WALLET or CARD
	WalletID     int64
	CardID       int64 // Attempt.CardID: a kept card's pay needs no card page (checkout.CancelAskedBy)
	Status       string
	ResultCode   string
	RedirectURL  string // Antom's hosted card page, card attempts
	CancelStatus string
	ReturnedAt   time.Time // Attempt.ReturnedAt
	PaidAt       time.Time // Attempt.PaidAt: set on a CANCELLED one paid before the cancel
	FinalSource  string    // Attempt.FinalSource: a FAIL of ours is not Antom's word
	CreatedAt    time.Time // Attempt.CreatedAt: a FAIL of ours is watched for a day after it
	// AbandonedAt, ConflictHeldAt: Attempt's, for Attempt.CancelHeld (a
	// held cancel is not "cancelling").
	AbandonedAt, ConflictHeldAt time.Time
	// Attempts is how many payment attempts the order has, whatever
	// their status (checkout.AttemptsPerOrder bounds them): 0 with none.
	Attempts int
	// ClosedWatched: the order has an attempt we closed ourselves that is
	// still watched for a late outcome (closedWatchedO), this one or an
	// earlier one: its late success would still pay the order.
	ClosedWatched bool
}

// checkoutOrderAttempt is the checkout page's column set of
// orderAndAttempt: only what that page reads. Order's times are left
// zero.
var checkoutOrderAttempt = orderAttemptRead[orderAndAttemptRow[CheckoutAttempt]]{
	what: "checkout order",
	columns: `o.id, o.ref, COALESCE(o.buyer_id, 0), COALESCE(o.guest_key, ''), o.product_id, o.quantity, o.currency, o.amount, o.status,
		COALESCE(a.id, 0), COALESCE(a.method, ''), COALESCE(a.wallet_id, 0), COALESCE(a.card_id, 0), COALESCE(a.status, ''),
		COALESCE(a.result_code, ''), COALESCE(a.redirect_url, ''), COALESCE(a.cancel_status, ''),
		COALESCE(a.returned_at, ''), COALESCE(a.paid_at, ''), COALESCE(a.final_source, ''), COALESCE(a.created_at, ''),
		COALESCE(a.abandoned_at, ''), COALESCE(a.payment_id_conflict_held_at, ''),
		` + orderAttemptCount + `, ` + closedWatchedO,
	scan: func(row scanner) (orderAndAttemptRow[CheckoutAttempt], error) {
		// One variable for all Scan writes to, the times' text too: each
		// variable Scan is given a pointer to is an allocation of its own
		// (the checkout page reads this row on every view).
		var b struct {
			orderAndAttemptRow[CheckoutAttempt]
			returned, paid, created, abandoned, held string
		}
		o, a := &b.o, &b.a
		err := row.Scan(&o.ID, &o.Ref, &o.BuyerID, &o.GuestKey, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
			&a.ID, &a.Method, &a.WalletID, &a.CardID, &a.Status, &a.ResultCode, &a.RedirectURL, &a.CancelStatus, &b.returned, &b.paid, &a.FinalSource, &b.created,
			&b.abandoned, &b.held, &a.Attempts, &a.ClosedWatched)
		a.ReturnedAt, a.PaidAt, a.CreatedAt = parseTime(b.returned), parseTime(b.paid), parseTime(b.created)
		a.AbandonedAt, a.ConflictHeldAt = parseTime(b.abandoned), parseTime(b.held)
		return b.orderAndAttemptRow, err
	},
}

// CheckoutOrderByRef returns an order and, in the same query, what the
// checkout page needs of the attempt LatestAttempt returns for it — the
// one that paid it, else its newest, never a surplus one: the read of
// OrderAndLatestAttemptByRef, in fewer columns. Order's times are left
// zero. ErrNotFound if there is no such order.
//
// Outside a transaction, in a request whose session FindSession has read
// together with this order (WithCheckoutRead), the first call takes what
// that read found instead of reading again.
func (q *Queries) CheckoutOrderByRef(ctx context.Context, ref string) (Order, CheckoutAttempt, error) {
	if q.tx == nil {
		if r := checkoutReadOf(ctx); r != nil && r.take(ref) {
			return r.row.o, r.row.a, r.err
		}
	}
	v, err := orderAndAttempt(ctx, q.q, checkoutOrderAttempt, ref)
	return v.o, v.a, err
}
