package db

import "context"

// AwaitingPaymentID returns one PROCESSING card attempt in captureMode
// (antom.CaptureAutomatic, …) that has no paymentId yet — a pay call whose
// answer has not been applied, or was lost — oldest first; ErrNotFound if
// none. A notification that names only a paymentId (notifyCapture of an
// automatic capture) may be about such an attempt before we know it.
func (q *Queries) AwaitingPaymentID(ctx context.Context, captureMode string) (Attempt, error) {
	return q.attempt(lookup(ctx), `WHERE status = 'PROCESSING' AND payment_id = '' AND method = ? AND capture_mode = ?
		ORDER BY id LIMIT 1`, MethodCard, captureMode)
}
