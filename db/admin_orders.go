package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OrderSearch selects orders for the admin list. Text matches part of an
// order ref or buyer email, ignoring case, or a whole paymentRequestId,
// paymentId, refundRequestId or refundId (a request id in upper case too,
// as the shop makes them). State narrows by the order's state as its buyer sees it
// (see orderState: "unpaid", "processing", "card-page", …); Tried leaves
// out orders nobody tried to pay; RefundProcessing keeps only orders with
// a refund not final yet; RefundFailed only orders with a staff refund
// that failed, that refunds made after it failed have not made good and that
// was not handled another way (openRefundFailures).
type OrderSearch struct {
	Text             string
	State            string
	Tried            bool
	RefundProcessing bool
	RefundFailed     bool
	// RefundPaidTwice keeps only orders with a refund the buyer got twice
	// or may get twice (refundPaidTwice: the list's RefundMadeTwice or
	// RefundMaybeTwice).
	RefundPaidTwice bool
	// PaidTwiceIDs: orders RefundPaidTwice keeps besides, by id (checkout's
	// rule of refunds made late, which the database does not hold).
	PaidTwiceIDs []int64
	// NotTwice: refunds refundPaidTwice flags of which checkout's rule of
	// refunds made late finds nothing paid twice (what the older rule
	// says paid what the books owed: the payment's cap took it off
	// another failure's debt), by id: neither badged nor kept by
	// RefundPaidTwice.
	NotTwice      []int64
	CancelInDoubt bool // only orders with a payment whose cancel of ours is in doubt (cancelInDoubt)
	AutoRefunded  bool // only orders with an automatic refund: paid twice, the surplus payment given back
	Limit         int
	Offset        int

	// OnlyIDs keeps only the orders whose id is among IDs (none when
	// IDs is empty): a set a rule outside SQL chose (checkout's
	// voidRefusalOpen).
	OnlyIDs bool
	IDs     []int64

	// CaptureFailed keeps only orders whose authorization is still open
	// (not expired at Now) after its newest capture failed
	// (openCaptureFailure).
	CaptureFailed bool
	Now           time.Time

	// CapturingBefore and ReleasingBefore keep only orders whose
	// authorization has a capture, or a void, sent before Before that
	// Antom has not confirmed yet (capturingBefore, releasingBefore).
	CapturingBefore, ReleasingBefore bool
	Before                           time.Time

	// ExpiringBy keeps only orders whose authorization waits for staff
	// and expires after Now and at or before ExpiringBy
	// (expiringAuthorization); zero: no such filter.
	ExpiringBy time.Time
	// SoonestExpiry lists the orders by their authorization's expiry,
	// soonest first (those without one after, newest first), instead of
	// newest first: what staff must capture or void first leads.
	SoonestExpiry bool
}

// OrderListRow is an order with what the admin list shows beside it.
type OrderListRow struct {
	Order
	BuyerEmail string // "" for a guest
	// Attempt is the attempt the buyer's page is about (the one that paid
	// the order, else the latest; never a surplus one), with its ID,
	// Status, Method, RedirectURL, CancelStatus, CaptureMode, ReturnedAt,
	// FinalSource, AbandonedAt, ConflictHeldAt (for Attempt.CancelHeld) and
	// AuthExpiresAt only; ID 0 when nobody tried to pay.
	Attempt          Attempt
	Paid             int64 // what that attempt took: its amount, or its captures for a MANUAL card authorization
	Refunded         int64 // refunds of that attempt that succeeded
	Handled          int64 // failed refunds of that attempt staff settled another way (HandledRefundTotal)
	RefundProcessing bool  // a refund of the order is not final yet
	RefundFailed     bool  // a staff refund of the order failed and was not followed by another
	// RefundMadeTwice: a refund of the order the buyer got twice
	// (refundMadeTwice); RefundMaybeTwice: one the buyer may get twice
	// (refundMaybeTwice: a retry still processing whose original Antom
	// made, or a refund made good already that Antom is found
	// processing). The list's two badges (with checkout's refunds made
	// late); the filter (OrderSearch.RefundPaidTwice) keeps an order with
	// either.
	RefundMadeTwice, RefundMaybeTwice bool
	LastCapture                       string // the status of that attempt's newest capture ("" if none)
	// EndedBy is the resultCode of that attempt's newest capture Antom
	// refused with a code that ends the authorization (endingRefusalA:
	// it expired, or was cancelled at Antom); "" if none was.
	EndedBy string
	// ExpiryLookEnd is the paymentStatus that ended the looks for that
	// attempt's authExpiryTime (EndAuthExpiryLook); "" while they go on,
	// or when none was needed.
	ExpiryLookEnd string
}

// orderState is an order's state as its buyer's result page words it, in
// SQL over the columns of listedOrders: the twin of checkout's
// resultState and its refund split (checkout's TestAdminStatesAgree
// walks every state through both). Its values are checkout's Result*.
const orderState = `CASE
	WHEN f.attempt_id = 0 THEN 'unpaid'
	WHEN f.status = 'VOIDED' THEN 'voided'
	WHEN f.status = 'EXPIRED' THEN 'expired'
	WHEN f.status = 'AUTHORIZED' THEN 'authorized'
	WHEN f.status = 'PAID' OR f.a_status = 'SUCCESS' THEN CASE
		WHEN f.refunded > 0 AND f.refunded + f.handled >= f.paid THEN 'refunded'
		WHEN f.refunded > 0 THEN 'partially-refunded'
		WHEN f.handled > 0 AND f.handled >= f.paid THEN 'settled'
		WHEN f.handled > 0 THEN 'partly-settled'
		ELSE 'paid' END
	WHEN f.a_status = 'PROCESSING' AND f.cancel_held = 1 THEN 'processing'
	WHEN f.a_status = 'PROCESSING' AND f.method = 'CARD' AND f.redirect_url != '' AND f.cancel_status != '' THEN 'cancelling'
	WHEN f.a_status = 'PROCESSING' AND f.method = 'CARD' AND f.redirect_url != '' AND f.returned_at = '' THEN 'card-page'
	WHEN f.a_status = 'PROCESSING' OR f.status = 'PROCESSING' THEN 'processing'
	WHEN f.a_status = 'FAIL' AND f.final_source = 'OURS' THEN 'unconfirmed'
	WHEN f.a_status = 'FAIL' THEN 'failed'
	WHEN f.a_status = 'CANCELLED' THEN 'cancelled'
	ELSE 'unpaid' END`

// notTwiceSlot is where listedOrders' badges leave out the refunds of
// OrderSearch.NotTwice (notTwiceR: "" for none).
const notTwiceSlot = `/*not twice*/`

// notTwiceR is, over refunds aliased r, "and r is none of n refunds"
// (n "?", their ids; "" for n = 0).
func notTwiceR(n int) string {
	if n == 0 {
		return ""
	}
	return ` AND r.id NOT IN (` + placeholders(n) + `)`
}

// listedOrders is every order with its buyer's email, the attempt its
// buyer's page is about (as SuccessfulAttempt, else LatestAttempt),
// what that attempt took and what of it was refunded, and its state.
const listedOrders = `(SELECT f.*, ` + orderState + ` AS state FROM (
	SELECT o.id, o.ref, COALESCE(o.buyer_id, 0) AS buyer_id, o.product_id, o.quantity, o.currency,
		o.amount, o.status, o.paid_at, o.created_at, o.updated_at, COALESCE(b.email, '') AS email,
		COALESCE(a.id, 0) AS attempt_id, COALESCE(a.status, '') AS a_status, COALESCE(a.method, '') AS method,
		COALESCE(a.redirect_url, '') AS redirect_url, COALESCE(a.cancel_status, '') AS cancel_status,
		COALESCE(a.capture_mode, '') AS capture_mode, COALESCE(a.returned_at, '') AS returned_at,
		COALESCE(a.final_source, '') AS final_source, CASE WHEN ` + heldCancelA + ` THEN 1 ELSE 0 END AS cancel_held,
		COALESCE(a.abandoned_at, '') AS abandoned_at, COALESCE(a.payment_id_conflict_held_at, '') AS conflict_held_at,
		COALESCE(a.auth_expires_at, '') AS auth_expires_at, COALESCE(a.auth_expiry_look_end, '') AS expiry_look_end, ` + lastCaptureA + ` AS last_capture,
		` + endingRefusalA + ` AS ended_by,
		CASE WHEN a.capture_mode = 'MANUAL' THEN COALESCE((SELECT SUM(c.amount) FROM captures c
			WHERE c.attempt_id = a.id AND c.status = 'SUCCESS'), 0) ELSE COALESCE(a.amount, 0) END AS paid,
		COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.attempt_id = a.id AND r.status = 'SUCCESS'), 0) AS refunded,
		COALESCE((SELECT SUM(r.handled_amount) FROM refunds r WHERE r.attempt_id = a.id AND ` + handledRefundFailure + `), 0) AS handled,
		EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.status = 'PROCESSING' AND r.automatic = 0) AS refund_processing,
		o.id IN (SELECT x.order_id FROM ` + openRefundFailures + ` x) AS refund_failed,
		EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND ` + refundMadeTwice + notTwiceSlot + `) AS refund_made_twice,
		EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND ` + refundMaybeTwice + notTwiceSlot + `) AS refund_maybe_twice
	FROM orders o LEFT JOIN buyers b ON b.id = o.buyer_id
	LEFT JOIN payment_attempts a ON a.id = (SELECT x.id FROM payment_attempts x WHERE x.order_id = o.id AND x.surplus = 0
		ORDER BY CASE WHEN x.status = 'SUCCESS' THEN 0 ELSE 1 END, x.id DESC LIMIT 1)
) AS f) AS l`

// SearchOrders returns the orders matching s, newest first (or by
// soonest expiry: s.SoonestExpiry).
func (q *Queries) SearchOrders(ctx context.Context, s OrderSearch) ([]OrderListRow, error) {
	where, whereArgs := orderSearchWhere(s)
	notTwice := paddedIn(s.NotTwice)
	// The badges' (made, then maybe) before the WHERE's.
	args := appendArgs(appendArgs(nil, notTwice...), notTwice...)
	args = append(append(args, whereArgs...), s.Limit, s.Offset)
	listed := strings.ReplaceAll(listedOrders, notTwiceSlot, notTwiceR(len(notTwice)))
	order := "id DESC"
	if s.SoonestExpiry {
		order = "CASE WHEN auth_expires_at = '' THEN 1 ELSE 0 END, auth_expires_at, id DESC"
	}
	return queryAll(ctx, q.q, "search orders", scanOrderListRow, `SELECT id, ref, buyer_id, product_id, quantity, currency, amount, status,
		paid_at, created_at, updated_at, email, attempt_id, a_status, method, redirect_url, cancel_status, capture_mode,
		returned_at, final_source, abandoned_at, conflict_held_at, auth_expires_at, expiry_look_end, last_capture, ended_by, paid, refunded, handled, refund_processing, refund_failed, refund_made_twice, refund_maybe_twice FROM `+listed+` `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
}

func scanOrderListRow(row scanner) (OrderListRow, error) {
	var r OrderListRow
	var paid, created, updated, returned, abandoned, held, authExpires string
	a := &r.Attempt
	err := row.Scan(&r.ID, &r.Ref, &r.BuyerID, &r.ProductID, &r.Quantity, &r.Currency, &r.Amount, &r.Status,
		&paid, &created, &updated, &r.BuyerEmail, &a.ID, &a.Status, &a.Method, &a.RedirectURL, &a.CancelStatus,
		&a.CaptureMode, &returned, &a.FinalSource, &abandoned, &held, &authExpires, &r.ExpiryLookEnd, &r.LastCapture, &r.EndedBy, &r.Paid, &r.Refunded, &r.Handled, &r.RefundProcessing, &r.RefundFailed, &r.RefundMadeTwice, &r.RefundMaybeTwice)
	r.PaidAt, r.CreatedAt, r.UpdatedAt = parseTime(paid), parseTime(created), parseTime(updated)
	a.ReturnedAt, a.AuthExpiresAt = parseTime(returned), parseTime(authExpires)
	a.AbandonedAt, a.ConflictHeldAt = parseTime(abandoned), parseTime(held) // for Attempt.CancelHeld
	return r, err
}

// orderSearchWhere is SearchOrders' WHERE for s, and its arguments.
func orderSearchWhere(s OrderSearch) (string, []any) {
	var conds []string
	var args []any
	if s.Text != "" {
		like := "%" + escapeLike(s.Text) + "%"
		conds = append(conds, `(lower(l.ref) LIKE lower(?) ESCAPE '\' OR lower(l.email) LIKE lower(?) ESCAPE '\' OR EXISTS (
			SELECT 1 FROM payment_attempts a WHERE a.order_id = l.id AND (a.payment_request_id IN (?, ?) OR a.payment_id = ?)) OR EXISTS (
			SELECT 1 FROM refunds r WHERE r.order_id = l.id AND (r.refund_request_id IN (?, ?) OR r.refund_id = ?)))`)
		// An id as typed, or in upper case: the request ids the shop makes
		// are ("pr-ord-…" finds PR-ORD-…); Antom's ids are digits.
		up := strings.ToUpper(s.Text)
		args = append(args, like, like, s.Text, up, s.Text, s.Text, up, s.Text)
	}
	if s.State != "" {
		conds = append(conds, `l.state = ?`)
		args = append(args, s.State)
	}
	if s.Tried {
		conds = append(conds, `l.attempt_id != 0`)
	}
	if s.RefundProcessing {
		conds = append(conds, `l.refund_processing`)
	}
	if s.RefundFailed {
		conds = append(conds, `l.refund_failed`)
	}
	if s.OnlyIDs {
		in := "1 = 0"
		if len(s.IDs) > 0 {
			in = "l.id IN (?" + strings.Repeat(", ?", len(s.IDs)-1) + ")"
		}
		conds = append(conds, in)
		for _, id := range s.IDs {
			args = append(args, id)
		}
	}
	if s.CaptureFailed {
		conds = append(conds, `EXISTS (SELECT 1 FROM orders o JOIN payment_attempts a ON a.order_id = o.id
			WHERE o.id = l.id AND `+openCaptureFailure+`)`)
		args = append(args, formatTime(s.Now))
	}
	if s.CapturingBefore {
		conds = append(conds, `EXISTS (SELECT 1 FROM orders o JOIN payment_attempts a ON a.order_id = o.id
			WHERE o.id = l.id AND `+openAuthorization+` AND `+capturingBefore+`)`)
		args = append(args, formatTime(s.Before))
	}
	if s.ReleasingBefore {
		conds = append(conds, `EXISTS (SELECT 1 FROM orders o JOIN payment_attempts a ON a.order_id = o.id
			WHERE o.id = l.id AND `+openAuthorization+` AND `+releasingBefore+`)`)
		args = append(args, formatTime(s.Before))
	}
	if !s.ExpiringBy.IsZero() {
		conds = append(conds, `EXISTS (SELECT 1 FROM orders o JOIN payment_attempts a ON a.order_id = o.id
			WHERE o.id = l.id AND `+expiringAuthorization+`)`)
		args = append(args, formatTime(s.Now), formatTime(s.ExpiringBy))
	}
	if s.CancelInDoubt {
		conds = append(conds, `EXISTS (SELECT 1 FROM payment_attempts a WHERE a.order_id = l.id AND `+cancelInDoubt+`)`)
	}
	if s.AutoRefunded {
		conds = append(conds, `EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = l.id AND r.automatic = 1)`)
	}
	if s.RefundPaidTwice {
		cond := `l.refund_made_twice OR l.refund_maybe_twice`
		if len(s.PaidTwiceIDs) > 0 {
			ids := paddedIn(s.PaidTwiceIDs)
			cond += ` OR l.id IN (` + placeholders(len(ids)) + `)`
			args = appendArgs(args, ids...)
		}
		conds = append(conds, `(`+cond+`)`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// AttemptsOfOrder returns an order's payment attempts, oldest first.
func (q *Queries) AttemptsOfOrder(ctx context.Context, orderID int64) ([]Attempt, error) {
	return queryAll(ctx, q.q, "attempts of order", scanAttempt, attemptsOfOrder, orderID)
}

// attemptsOfOrder is AttemptsOfOrder's query.
const attemptsOfOrder = `SELECT ` + attemptColumns + ` FROM payment_attempts WHERE order_id = ? ORDER BY id`

// SuccessfulAttempt returns the attempt that paid an order (never a
// surplus one); ErrNotFound if none did.
func (q *Queries) SuccessfulAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return q.attempt(ctx, successfulAttempt, orderID)
}

// successfulAttempt picks SuccessfulAttempt's attempt of an order.
const successfulAttempt = `WHERE order_id = ? AND status = 'SUCCESS' AND surplus = 0 ORDER BY id DESC LIMIT 1`

// PayingAndOpenAttempts returns, in one query, the attempt other than
// except that paid an order (SUCCESS, not surplus; the oldest) and one other attempt of it
// still PROCESSING; a zero Attempt (ID 0) for either that is not there.
func (q *Queries) PayingAndOpenAttempts(ctx context.Context, orderID, except int64) (paying, open Attempt, err error) {
	if others, ok := q.prefetchedOfOrder(orderID, except); ok {
		for _, a := range others { // by id, as the query's ORDER BY
			switch {
			case a.Status == AttemptSuccess && !a.Surplus && paying.ID == 0:
				paying = a
			case a.Status == AttemptProcessing && open.ID == 0:
				open = a
			}
		}
		return paying, open, nil
	}
	both, err := queryAll(ctx, q.q, "paying and open attempts", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts
		WHERE order_id = ? AND id != ? AND ((status = 'SUCCESS' AND surplus = 0) OR status = 'PROCESSING')
		ORDER BY id`, orderID, except)
	for _, a := range both {
		switch {
		case a.Status == AttemptSuccess && paying.ID == 0:
			paying = a
		case a.Status == AttemptProcessing && open.ID == 0:
			open = a
		}
	}
	return paying, open, err
}

// BuyerEmail returns a buyer's email, "" for id 0 or an unknown id.
func (q *Queries) BuyerEmail(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var email string
	err := q.q.QueryRowContext(ctx, buyerEmail, id).Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("db: buyer email: %w", err)
	}
	return email, nil
}

// buyerEmail is BuyerEmail's query.
const buyerEmail = `SELECT email FROM buyers WHERE id = ?`
