package db

import (
	"context"
	"time"
)

// AlarmResolution is staff's "Mark resolved" of an alarm on a payment
// attempt (AlarmPaymentIDConflict, AlarmAutoCaptureFailed): who, when
// and their note (one line).
type AlarmResolution struct {
	AttemptID  int64
	Alarm      string
	ResolvedAt time.Time
	By, Note   string
}

// ResolveAlarm records that staff (by) resolved alarm on attempt
// attemptID at, saying note; false (nothing written) if it was resolved
// before: of two staff at once, one writes.
func (q *Queries) ResolveAlarm(ctx context.Context, attemptID int64, alarm, by, note string, at time.Time) (bool, error) {
	return q.changed(ctx, "resolve alarm", `INSERT INTO alarm_resolutions (attempt_id, alarm, resolved_at, resolved_by, note)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, alarm) DO NOTHING`, attemptID, alarm, formatTime(at), by, note)
}

// AlarmResolutionsOfOrder returns the AlarmResolutions of the attempts
// of order orderID, by attempt and alarm.
func (q *Queries) AlarmResolutionsOfOrder(ctx context.Context, orderID int64) ([]AlarmResolution, error) {
	return queryAll(ctx, q.q, "alarm resolutions", scanAlarmResolution, alarmResolutionsOfOrder, orderID)
}

// ReadAlarmResolutionsOfOrder is AlarmResolutionsOfOrder.
func ReadAlarmResolutionsOfOrder(orderID int64, out *[]AlarmResolution) Read {
	return readAll("alarm resolutions", out, scanAlarmResolution, alarmResolutionsOfOrder, orderID)
}

const alarmResolutionsOfOrder = `SELECT r.attempt_id, r.alarm, r.resolved_at, r.resolved_by, r.note FROM alarm_resolutions r
	JOIN payment_attempts a ON a.id = r.attempt_id WHERE a.order_id = ? ORDER BY r.attempt_id, r.alarm`

func scanAlarmResolution(row scanner) (AlarmResolution, error) {
	var r AlarmResolution
	var at string
	err := row.Scan(&r.AttemptID, &r.Alarm, &at, &r.By, &r.Note)
	r.ResolvedAt = parseTime(at)
	return r, err
}
