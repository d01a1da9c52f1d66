package db

import (
	"context"
	"time"
)

// CaptureCheck is where the reconciler stands with a capture still
// PROCESSING: how often it has been looked up or sent again without an
// answer, and when it is due next (zero: at once).
type CaptureCheck struct {
	Checks      int
	NextCheckAt time.Time
}

// CapturesToCheck returns the PROCESSING captures whose next look is due
// at now (ones never looked at are due at once), oldest first.
func (q *Queries) CapturesToCheck(ctx context.Context, now time.Time) ([]Capture, error) {
	return q.captures(ctx, `WHERE status = 'PROCESSING' AND next_check_at <= ? ORDER BY id`, formatTime(now))
}

// CaptureCheckOf returns where the reconciler stands with capture id;
// ErrNotFound if there is no such capture.
func (q *Queries) CaptureCheckOf(ctx context.Context, id int64) (CaptureCheck, error) {
	return queryOne(ctx, q.q, "capture check", func(row scanner) (CaptureCheck, error) {
		var c CaptureCheck
		var next string
		err := row.Scan(&c.Checks, &next)
		c.NextCheckAt = parseTime(next)
		return c, err
	}, `SELECT checks, next_check_at FROM captures WHERE id = ?`, id)
}

// RetryCaptureAt counts one look at a PROCESSING capture that got no
// answer and sets when to look again (next), provided the count is still
// seen: two workers cannot both count the same look, and a capture
// settled meanwhile is left alone. It reports whether it counted.
func (q *Queries) RetryCaptureAt(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry capture", `UPDATE captures SET checks = checks + 1, next_check_at = ?, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING' AND checks = ?`, formatTime(next), formatTime(now), id, seen)
}
