package db

import (
	"context"
	"time"
)

// AdoptOutsideRefund records a refund made outside this app (in Antom
// Dashboard, by another system) that Antom's inquiryPayment listed as
// successful: SUCCESS as Antom said it (final_source ANTOM), made by
// nobody here (an empty created_by), at refundedAt (its created_at too: it
// was made then). Of r it reads OrderID, AttemptID, RefundRequestID,
// RefundID, Currency, Amount and RefundedAt. ErrDuplicate if its
// refundRequestId is taken already.
func (q *Queries) AdoptOutsideRefund(ctx context.Context, r Refund, now time.Time) (int64, error) {
	return insertNew(ctx, q.q, "adopt outside refund", `INSERT INTO refunds (order_id, attempt_id, refund_request_id, refund_id,
		currency, amount, reason, status, result_code, refunded_at, next_check_at, created_by, created_at, updated_at,
		final_source, outside)
		VALUES (?, ?, ?, ?, ?, ?, '', 'SUCCESS', 'SUCCESS', ?, '', '', ?, ?, 'ANTOM', 1)
		ON CONFLICT DO NOTHING RETURNING id`,
		r.OrderID, r.AttemptID, r.RefundRequestID, r.RefundID, r.Currency, r.Amount,
		formatTime(r.RefundedAt), formatTime(r.RefundedAt), formatTime(now))
}

// MarkRefundOutsideTook says of a refund (staff's or automatic) Antom refused
// (REFUND_AMOUNT_EXCEED) that refunds made outside this app had taken
// what it asked for: it owes the buyer nothing (failedR leaves it out).
// It reports whether the refund was a FAIL not marked so yet.
func (q *Queries) MarkRefundOutsideTook(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "mark refund outside took", `UPDATE refunds SET outside_took = 1, updated_at = ?
		WHERE id = ? AND status = 'FAIL' AND outside_took = 0`, formatTime(now), id)
}
