package db

import "context"

// The buyer's state of an order is read in one place: orderAndAttempt,
// the order (table o) and the attempt that speaks for it (table a) in one
// query, each caller with its own column set (orderAttemptRead). The
// result page reads all of both (OrderAndLatestAttemptByRef), the checkout
// page only what it shows (CheckoutOrderByRef); both see the same order
// and the same attempt.

// speakingAttempt joins, as table a, the attempt that speaks for order o
// — the one LatestAttempt returns: the newest that paid it, else its
// newest, never a surplus one — without a sort: each of the two
// candidates is the last entry of payment_attempts_order_idx that
// matches.
//
// It suits a read of one order (by ref): PostgreSQL then looks the
// attempt up by its id. A read of several orders joins through
// speakingAttemptID computed with the orders instead (OwnedOrderStates):
// joined on this expression, PostgreSQL hashes all payment_attempts.
const speakingAttempt = `LEFT JOIN payment_attempts a ON a.id = ` + speakingAttemptID

// speakingAttemptID is the id of the attempt that speaks for order o
// (speakingAttempt's), NULL if it has none.
const speakingAttemptID = `COALESCE(
		(SELECT id FROM payment_attempts WHERE order_id = o.id AND surplus = 0 AND status = 'SUCCESS' ORDER BY id DESC LIMIT 1),
		(SELECT id FROM payment_attempts WHERE order_id = o.id AND surplus = 0 ORDER BY id DESC LIMIT 1))`

// orderAttemptRead is one caller's column set of orderAndAttempt: the
// columns it reads of o and a (each of a's its zero value when the order
// has no attempt: ID 0), and how it scans them.
type orderAttemptRead[T any] struct {
	what    string // names the read in errors
	columns string
	scan    func(scanner) (T, error)
}

// orderAttemptFrom is the rest of every orderAndAttempt query: one order
// by its ref (the last placeholder) and the attempt that speaks for it.
const orderAttemptFrom = ` FROM orders o ` + speakingAttempt + ` WHERE o.ref = ?`

// orderAndAttempt reads the order ref and the attempt that speaks for it,
// in r's columns; ErrNotFound if there is no such order.
func orderAndAttempt[T any](ctx context.Context, q querier, r orderAttemptRead[T], ref string) (T, error) {
	if !IsText(ref) {
		var none T
		return none, ErrNotFound
	}
	return queryOne(lookup(ctx), q, r.what, r.scan, `SELECT `+r.columns+orderAttemptFrom, ref)
}

// latestAttemptColumns are attemptColumns of the attempt a LEFT JOIN
// found (table alias a), each its zero value when it found none (ID 0).
// Scanned with attemptTimes.into.
const latestAttemptColumns = `COALESCE(a.id, 0), COALESCE(a.order_id, 0), COALESCE(a.payment_request_id, ''),
	COALESCE(a.method, ''), COALESCE(a.wallet_id, 0), COALESCE(a.currency, ''), COALESCE(a.amount, 0),
	COALESCE(a.status, ''), COALESCE(a.result_code, ''), COALESCE(a.payment_id, ''), COALESCE(a.paid_at, ''),
	COALESCE(a.expires_at, ''), COALESCE(a.next_check_at, ''), COALESCE(a.checks, 0),
	COALESCE(a.manual_check_at, ''), COALESCE(a.created_at, ''), COALESCE(a.updated_at, ''),
	COALESCE(a.keep_card, 0), COALESCE(a.card_id, 0), COALESCE(a.capture_mode, ''), COALESCE(a.redirect_url, ''),
	COALESCE(a.auth_expires_at, ''), COALESCE(a.card_brand, ''), COALESCE(a.card_last4, ''),
	COALESCE(a.final_source, ''), COALESCE(a.cancel_status, ''), COALESCE(a.surplus, 0), COALESCE(a.returned_at, ''),
	COALESCE(a.abandoned_at, ''), COALESCE(a.payment_id_conflict_held_at, ''), COALESCE(a.cancel_asked_by, ''),
	COALESCE(a.end_checks_stopped_at, '')`

// orderAndAttemptRow is an order and an attempt read together;
// closedWatched, of the result page's read, is closedWatchedO.
type orderAndAttemptRow[A any] struct {
	o             Order
	a             A
	closedWatched bool
}

// fullOrderAttempt reads every column of both (the result page's).
var fullOrderAttempt = orderAttemptRead[orderAndAttemptRow[Attempt]]{
	what: "order and latest attempt",
	columns: `o.id, o.ref, COALESCE(o.buyer_id, 0), COALESCE(o.guest_key, ''), o.product_id, o.quantity, o.currency, o.amount, o.status,
		o.paid_at, o.created_at, o.updated_at, ` + latestAttemptColumns + `, ` + closedWatchedO,
	scan: func(row scanner) (orderAndAttemptRow[Attempt], error) {
		var b orderAndAttemptRow[Attempt]
		var t attemptTimes
		var oPaid, oCreated, oUpdated string
		o, a := &b.o, &b.a
		err := row.Scan(append([]any{&o.ID, &o.Ref, &o.BuyerID, &o.GuestKey, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
			&oPaid, &oCreated, &oUpdated}, append(t.into(a), &b.closedWatched)...)...)
		o.PaidAt, o.CreatedAt, o.UpdatedAt = parseTime(oPaid), parseTime(oCreated), parseTime(oUpdated)
		t.set(a)
		return b, err
	},
}

// OrderAndLatestAttemptByRef returns an order and, in the same query, the
// attempt LatestAttempt returns for it — the one that paid it, else its
// newest, never a surplus one — or a zero Attempt (ID 0) when it has
// none, and whether the order has an attempt we closed ourselves that is
// still watched for a late outcome (closedWatchedO: Attempt.ClosedWatched
// of any of its attempts). ErrNotFound if there is no such order.
func (q *Queries) OrderAndLatestAttemptByRef(ctx context.Context, ref string) (o Order, a Attempt, closedWatched bool, err error) {
	v, err := orderAndAttempt(ctx, q.q, fullOrderAttempt, ref)
	return v.o, v.a, v.closedWatched, err
}
