package db

import "context"

// AwaitingPaymentID returns the newest PROCESSING card attempt in
// captureMode (antom.CaptureAutomatic, …) that has no paymentId yet — a
// pay call whose answer has not been applied, or was lost — of those
// with an id up to upTo (0: any); ErrNotFound if none. A notification
// that names only a paymentId (notifyCapture of an automatic capture)
// may be about such an attempt before we know it; upTo keeps out the
// attempts made after it first came, which cannot be its payment.
func (q *Queries) AwaitingPaymentID(ctx context.Context, captureMode string, upTo int64) (Attempt, error) {
	return q.attempt(lookup(ctx), `WHERE status = 'PROCESSING' AND payment_id = '' AND method = ? AND capture_mode = ?
		AND (? = 0 OR id <= ?) ORDER BY id DESC LIMIT 1`, MethodCard, captureMode, upTo, upTo)
}
