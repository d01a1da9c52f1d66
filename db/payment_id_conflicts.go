package db

import (
	"context"
	"time"
)

// PaymentIDConflict is a paymentId Antom named for one of our payments
// (AttemptID) other than the one on record: when it was first told.
type PaymentIDConflict struct {
	AttemptID int64
	PaymentID string
	ToldAt    time.Time
}

// AlarmPaymentIDConflict is the alarm of a payment Antom has not
// settled (still PROCESSING, or closed by us) with a PaymentIDConflict,
// as alarm_resolutions names it (ResolveAlarm).
const AlarmPaymentIDConflict = "paymentid-conflict"

// RecordPaymentIDConflict records that Antom named paymentID for
// attempt attemptID, other than the one on record, at; false (nothing
// written) if that paymentId was recorded for it before.
func (q *Queries) RecordPaymentIDConflict(ctx context.Context, attemptID int64, paymentID string, at time.Time) (bool, error) {
	return q.changed(ctx, "record paymentId conflict", `INSERT INTO payment_id_conflicts (attempt_id, payment_id, told_at)
		VALUES (?, ?, ?) ON CONFLICT (attempt_id, payment_id) DO NOTHING`, attemptID, paymentID, formatTime(at))
}

// PaymentIDConflictsOfOrder returns the PaymentIDConflicts recorded of
// the attempts of order orderID, by attempt, each attempt's in the order
// first told.
func (q *Queries) PaymentIDConflictsOfOrder(ctx context.Context, orderID int64) ([]PaymentIDConflict, error) {
	return queryAll(ctx, q.q, "paymentId conflicts", scanPaymentIDConflict, paymentIDConflictsOfOrder, orderID)
}

// ReadPaymentIDConflictsOfOrder is PaymentIDConflictsOfOrder.
func ReadPaymentIDConflictsOfOrder(orderID int64, out *[]PaymentIDConflict) Read {
	return readAll("paymentId conflicts", out, scanPaymentIDConflict, paymentIDConflictsOfOrder, orderID)
}

const paymentIDConflictsOfOrder = `SELECT c.attempt_id, c.payment_id, c.told_at FROM payment_id_conflicts c
	JOIN payment_attempts a ON a.id = c.attempt_id WHERE a.order_id = ? ORDER BY c.attempt_id, c.told_at, c.payment_id`

func scanPaymentIDConflict(row scanner) (PaymentIDConflict, error) {
	var c PaymentIDConflict
	var at string
	err := row.Scan(&c.AttemptID, &c.PaymentID, &at)
	c.ToldAt = parseTime(at)
	return c, err
}

// HoldPaymentIDConflict records that attempt id, in a paymentId
// conflict, was not cancelled automatically, at; false if that was
// recorded before (the timeline says it once).
func (q *Queries) HoldPaymentIDConflict(ctx context.Context, id int64, at time.Time) (bool, error) {
	q.tx.forgetAttempt(id)
	return q.changed(ctx, "hold paymentId conflict", `UPDATE payment_attempts SET payment_id_conflict_held_at = ?
		WHERE id = ? AND payment_id_conflict_held_at = ''`, formatTime(at), id)
}

// HoldStoredCancel holds, at, the cancel the app stored of its own for
// attempt id before it learned of a paymentId conflict (the attempt then
// becomes CancelHeld): one still PROCESSING, not the buyer's "pay
// another way" (abandoned_at), of a payment Antom has not settled. False
// (nothing written) if there is no such cancel, or the attempt was held
// before (the timeline says it once).
func (q *Queries) HoldStoredCancel(ctx context.Context, id int64, at time.Time) (bool, error) {
	q.tx.forgetAttempt(id)
	return q.changed(ctx, "hold stored cancel", `UPDATE payment_attempts SET payment_id_conflict_held_at = ?
		WHERE id = ? AND payment_id_conflict_held_at = '' AND cancel_status = 'PROCESSING' AND abandoned_at = ''
		AND (status = 'PROCESSING' OR final_source = 'OURS')`, formatTime(at), id)
}

// CancelHeldNow reports whether attempt id's cancel is held for a
// paymentId conflict now (Attempt.CancelHeld, read as heldCancelA): a
// send already under way when the hold was made asks it before it says
// the cancel will be sent again. False for no such attempt.
func (q *Queries) CancelHeldNow(ctx context.Context, id int64) (bool, error) {
	n, err := q.count(ctx, "cancel held", `SELECT COUNT(*) FROM payment_attempts a WHERE a.id = ? AND `+heldCancelA, id)
	return n > 0, err
}

// PaymentIDConflictOrders returns the ids of the orders (ascending)
// with a payment attempt Antom has not settled (PROCESSING, or closed
// by us) that has a PaymentIDConflict and whose alarm staff have not
// resolved (ResolveAlarm, AlarmPaymentIDConflict). It reads from the
// conflicts (few) to their attempts, not every payment we closed.
func (q *Queries) PaymentIDConflictOrders(ctx context.Context) ([]int64, error) {
	return queryAll(ctx, q.q, "paymentId conflict orders", scanID, `SELECT DISTINCT a.order_id FROM payment_id_conflicts c
		JOIN payment_attempts a ON a.id = c.attempt_id
		WHERE (a.status = ? OR a.final_source = ?)
		AND NOT EXISTS (SELECT 1 FROM alarm_resolutions r WHERE r.attempt_id = a.id AND r.alarm = ?)
		ORDER BY a.order_id`, AttemptProcessing, SourceOurs, AlarmPaymentIDConflict)
}
