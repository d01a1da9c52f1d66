package db

import (
	"context"
	"fmt"
	"time"
)

// Capture statuses.
const (
	CaptureProcessing = "PROCESSING"
	CaptureSuccess    = "SUCCESS"
	CaptureFail       = "FAIL"
)

// Capture is one capture of a card authorization.
type Capture struct {
	ID               int64
	OrderID          int64
	AttemptID        int64
	CaptureRequestID string
	CaptureID        string
	Currency         string
	Amount           int64
	Status           string
	ResultCode       string
	ResultMessage    string // Antom's resultMessage of a refused capture ("" if none)
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

const captureColumns = `id, order_id, attempt_id, capture_request_id, capture_id, currency, amount, status,
	result_code, result_message, created_by, created_at, updated_at`

func scanCapture(row scanner) (Capture, error) {
	var c Capture
	var created, updated string
	err := row.Scan(&c.ID, &c.OrderID, &c.AttemptID, &c.CaptureRequestID, &c.CaptureID, &c.Currency, &c.Amount,
		&c.Status, &c.ResultCode, &c.ResultMessage, &c.CreatedBy, &created, &updated)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, err
}

// InsertCapture records a capture before it is sent.
func (q *Queries) InsertCapture(ctx context.Context, c Capture) (int64, error) {
	id, err := insertID(ctx, q.q, `INSERT INTO captures (order_id, attempt_id, capture_request_id, currency,
		amount, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.OrderID, c.AttemptID, c.CaptureRequestID, c.Currency, c.Amount, c.Status, c.CreatedBy,
		formatTime(c.CreatedAt), formatTime(c.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("db: insert capture: %w", err)
	}
	return id, nil
}

// CapturedOutside is the created_by of a capture made outside this app
// (in Antom Dashboard, or by another system on the same merchant
// account) that Antom told us of and we recorded (InsertOutsideCapture):
// no staff member of ours sent it.
const CapturedOutside = "(outside this app)"

// InsertOutsideCapture records c, a capture made outside this app that
// Antom says succeeded, as SUCCESS with its captureId and created_by
// CapturedOutside, unless a capture with its captureRequestId is
// recorded already, and reports whether it was recorded now: false means
// it was told before (a resend, a replay, the reconciler's inquiry),
// whichever transaction recorded it first.
func (q *Queries) InsertOutsideCapture(ctx context.Context, c Capture) (bool, error) {
	t := formatTime(c.CreatedAt)
	return q.changed(ctx, "insert outside capture", `INSERT INTO captures (order_id, attempt_id, capture_request_id, capture_id,
		currency, amount, status, result_code, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (capture_request_id) DO NOTHING`,
		c.OrderID, c.AttemptID, c.CaptureRequestID, c.CaptureID, c.Currency, c.Amount, CaptureSuccess, "SUCCESS", CapturedOutside, t, t)
}

// CaptureByRequestID returns a capture; ErrNotFound if there is none.
func (q *Queries) CaptureByRequestID(ctx context.Context, id string) (Capture, error) {
	return queryOne(ctx, q.q, "capture", scanCapture, `SELECT `+captureColumns+` FROM captures WHERE capture_request_id = ?`, id)
}

// OrderCaptures returns an order's captures, oldest first.
func (q *Queries) OrderCaptures(ctx context.Context, orderID int64) ([]Capture, error) {
	return q.captures(ctx, orderCaptures, orderID)
}

// orderCaptures picks OrderCaptures' captures.
const orderCaptures = `WHERE order_id = ? ORDER BY id`

// CapturesInProcess returns captures still waiting for their outcome.
func (q *Queries) CapturesInProcess(ctx context.Context) ([]Capture, error) {
	return q.captures(ctx, `WHERE status = 'PROCESSING' ORDER BY id`)
}

func (q *Queries) captures(ctx context.Context, where string, args ...any) ([]Capture, error) {
	return queryAll(ctx, q.q, "captures", scanCapture, `SELECT `+captureColumns+` FROM captures `+where, args...)
}

// SettleCapture writes a final status over PROCESSING only, with Antom's
// resultCode and resultMessage (message may be "") and its captureId
// ("" keeps the one stored); false when the capture was not PROCESSING.
func (q *Queries) SettleCapture(ctx context.Context, id int64, status, code, message, captureID string, now time.Time) (bool, error) {
	return q.changed(ctx, "settle capture", `UPDATE captures SET status = ?, result_code = ?, result_message = ?,
		capture_id = CASE WHEN ? != '' THEN ? ELSE capture_id END, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING'`, status, code, message, captureID, captureID, formatTime(now), id)
}
