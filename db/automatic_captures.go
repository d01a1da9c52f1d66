package db

import (
	"context"
	"time"
)

// AutomaticCapture is Antom's own capture of a card payment in AUTOMATIC
// mode, as its CAPTURE_RESULT told it: not a capture of ours (those are
// Capture rows), recorded so that the same capture told twice is seen as
// one.
type AutomaticCapture struct {
	CaptureID string // Antom's captureId (the key)
	AttemptID int64  // the payment attempt captured
	Currency  string
	Amount    int64 // minor units
	CreatedAt time.Time
}

// InsertAutomaticCapture records c unless a capture with its CaptureID is
// recorded already, and reports whether it was recorded now: false means
// this capture was told before (a replay, Antom's resend), whichever
// transaction recorded it first.
func (q *Queries) InsertAutomaticCapture(ctx context.Context, c AutomaticCapture) (bool, error) {
	return q.changed(ctx, "insert automatic capture", `INSERT INTO automatic_captures
		(capture_id, attempt_id, currency, amount, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (capture_id) DO NOTHING`,
		c.CaptureID, c.AttemptID, c.Currency, c.Amount, formatTime(c.CreatedAt))
}

// AutomaticCaptures returns the automatic captures recorded of attempt
// attemptID, oldest first.
func (q *Queries) AutomaticCaptures(ctx context.Context, attemptID int64) ([]AutomaticCapture, error) {
	return queryAll(ctx, q.q, "automatic captures", scanAutomaticCapture, automaticCapturesOf, attemptID)
}

// ReadAutomaticCaptures is AutomaticCaptures.
func ReadAutomaticCaptures(attemptID int64, out *[]AutomaticCapture) Read {
	return readAll("automatic captures", out, scanAutomaticCapture, automaticCapturesOf, attemptID)
}

const automaticCapturesOf = `SELECT capture_id, attempt_id, currency, amount, created_at FROM automatic_captures
		WHERE attempt_id = ? ORDER BY created_at, capture_id`

func scanAutomaticCapture(row scanner) (AutomaticCapture, error) {
	var c AutomaticCapture
	var created string
	err := row.Scan(&c.CaptureID, &c.AttemptID, &c.Currency, &c.Amount, &created)
	c.CreatedAt = parseTime(created)
	return c, err
}

// CaptureAutomatic is the capture mode in which Antom captures a card
// payment on its own (antom.CaptureAutomatic, which db does not import).
const CaptureAutomatic = "AUTOMATIC"

// FailedAutomatic reports whether a is a payment that an automatic
// capture applied before contradicts: a card payment in AUTOMATIC
// capture mode that Antom settled FAIL (its own word, not a close of
// ours). failedAutomaticA is the same rule in SQL over payment_attempts
// a (its arguments failedAutomaticArgs): one rule for the order page's
// notice (checkout), the dashboard's count and the orders filter and
// badge (FailedAutomaticCaptureOrders).
func FailedAutomatic(a Attempt) bool {
	return a.Method == MethodCard && a.CaptureMode == CaptureAutomatic && a.Status == AttemptFail && a.FinalSource == SourceAntom
}

const failedAutomaticA = `a.method = ? AND a.capture_mode = ? AND a.status = ? AND a.final_source = ?`

// failedAutomaticArgs are failedAutomaticA's arguments, in order.
func failedAutomaticArgs() []any {
	return []any{MethodCard, CaptureAutomatic, AttemptFail, SourceAntom}
}

// FailedAutomaticCaptures returns, of the automatic captures named by
// captureIDs, those of a payment attempt Antom has settled FAIL since
// (its own word, not a close of ours; FailedAutomatic): captureId → the attempt's
// paymentRequestId. Money Antom says it captured, of a payment it says
// failed: told to staff, never acted on.
func (q *Queries) FailedAutomaticCaptures(ctx context.Context, captureIDs []string) (map[string]string, error) {
	if len(captureIDs) == 0 {
		return map[string]string{}, nil
	}
	return queryMap(ctx, q.q, "failed automatic captures", func(row scanner) (string, string, error) {
		var id, requestID string
		err := row.Scan(&id, &requestID)
		return id, requestID, err
	}, `SELECT c.capture_id, a.payment_request_id FROM automatic_captures c
		JOIN payment_attempts a ON a.id = c.attempt_id
		WHERE c.capture_id IN (`+placeholders(len(captureIDs))+`) AND `+failedAutomaticA,
		append(appendArgs(nil, captureIDs...), failedAutomaticArgs()...)...)
}

// AlarmAutoCaptureFailed is the alarm of a payment attempt with an
// automatic capture applied that Antom settled FAIL since, as
// alarm_resolutions names it (ResolveAlarm).
const AlarmAutoCaptureFailed = "auto-capture-failed"

// FailedAutomaticCaptureOrders returns the ids of the orders
// (ascending) with a payment attempt that has an automatic capture
// applied (a CAPTURE_RESULT S) and that Antom has settled FAIL since (its
// own word; FailedAutomatic, as the order page's notice reads it): money Antom says it took of a
// payment it says failed, for staff to look up — unless staff resolved
// that alarm (ResolveAlarm, AlarmAutoCaptureFailed).
func (q *Queries) FailedAutomaticCaptureOrders(ctx context.Context) ([]int64, error) {
	return queryAll(ctx, q.q, "failed automatic capture orders", scanID, `SELECT DISTINCT a.order_id FROM automatic_captures c
		JOIN payment_attempts a ON a.id = c.attempt_id WHERE `+failedAutomaticA+`
		AND NOT EXISTS (SELECT 1 FROM alarm_resolutions r WHERE r.attempt_id = a.id AND r.alarm = ?) ORDER BY a.order_id`,
		append(failedAutomaticArgs(), AlarmAutoCaptureFailed)...)
}
