package db

import (
	"context"
	"time"
)

// VoidRefusal is the newest void of an authorization (a cancel of a
// SUCCESS attempt) that Antom refused: when, Antom's resultCode and
// resultMessage, and the id of the attempt's newest capture at that
// moment (CaptureID, 0 for none: a capture with a greater id was sent
// after the refusal, whatever the instances' clocks say); a zero At when
// none was. While the attempt's cancel is FAIL it is the latest void's
// outcome: another void sets the cancel PROCESSING, and only its refusal
// sets FAIL again, with its own (RefuseVoid). A cancel ended FAIL any
// other way (EndCancelDoubt, a cancel sent while the payment was open)
// records none.
type VoidRefusal struct {
	At            time.Time
	Code, Message string
	CaptureID     int64
}

// RefuseVoid ends a PROCESSING cancel of a SUCCESS attempt — a void of
// its authorization — that Antom refused with code and message (FAIL),
// recording the refusal (VoidRefusal) with the attempt's newest capture
// as of this statement; false if the cancel was not PROCESSING or the
// attempt not SUCCESS. next is when to ask about the attempt again
// (zero: never).
func (q *Queries) RefuseVoid(ctx context.Context, id int64, code, message string, next, now time.Time) (bool, error) {
	return q.changed(ctx, "refuse void", `UPDATE payment_attempts SET cancel_status = 'FAIL', next_check_at = ?,
		void_refused_at = ?, void_refused_code = ?, void_refused_message = ?, updated_at = ?,
		void_refused_capture_id = COALESCE((SELECT MAX(c.id) FROM captures c WHERE c.attempt_id = payment_attempts.id), 0)
		WHERE id = ? AND cancel_status = 'PROCESSING' AND status = 'SUCCESS'`,
		formatTime(next), formatTime(now), code, message, formatTime(now), id)
}

// VoidRefusalOf returns attempt id's VoidRefusal; ErrNotFound if there
// is no such attempt.
func (q *Queries) VoidRefusalOf(ctx context.Context, id int64) (VoidRefusal, error) {
	return queryOne(ctx, q.q, "void refusal", scanVoidRefusal, voidRefusal, id)
}

// ReadVoidRefusal is VoidRefusalOf.
func ReadVoidRefusal(id int64, out *VoidRefusal) Read {
	return readOne("void refusal", out, scanVoidRefusal, voidRefusal, id)
}

const voidRefusal = `SELECT void_refused_at, void_refused_code, void_refused_message, void_refused_capture_id
	FROM payment_attempts WHERE id = ?`

func scanVoidRefusal(row scanner) (VoidRefusal, error) {
	var v VoidRefusal
	var at string
	err := row.Scan(&at, &v.Code, &v.Message, &v.CaptureID)
	v.At = parseTime(at)
	return v, err
}
