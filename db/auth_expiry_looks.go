package db

import (
	"context"
	"time"
)

// AuthExpiryLook is an open MANUAL authorization whose authExpiryTime no
// answer of Antom's gave yet, as the reconciler's look for it finds it
// (checkout's lookForAuthExpiries).
type AuthExpiryLook struct {
	AttemptID        int64
	PaymentRequestID string
	PaymentID        string
	Ref              string // its order's
	Looks            int    // its looks so far that learnt none
}

// expiryLookDue: the authorization aliased a (of the order aliased o) is
// open (openAuthorization), its authExpiryTime is not known, and its look
// is due: it had none and succeeded (paid_at) at or before the first
// "?", or its next look is due at or before the second.
const expiryLookDue = openAuthorization + ` AND a.auth_expires_at = ''
	AND ((a.auth_expiry_look_at = '' AND a.paid_at <= ?) OR (a.auth_expiry_look_at != '' AND a.auth_expiry_look_at <= ?))`

const expiryLookColumns = `a.id, a.payment_request_id, a.payment_id, o.ref, a.auth_expiry_looks`

func scanExpiryLook(row scanner) (AuthExpiryLook, error) {
	var l AuthExpiryLook
	err := row.Scan(&l.AttemptID, &l.PaymentRequestID, &l.PaymentID, &l.Ref, &l.Looks)
	return l, err
}

// AuthExpiriesToLook lists the authorizations whose look for their
// authExpiryTime is due at now (expiryLookDue): the first of each once it
// succeeded at or before succeededBy, the next at the time
// RetryAuthExpiryLookAt set. Oldest attempt first.
func (q *Queries) AuthExpiriesToLook(ctx context.Context, succeededBy, now time.Time) ([]AuthExpiryLook, error) {
	return queryAll(ctx, q.q, "auth expiries to look", scanExpiryLook, `SELECT `+expiryLookColumns+`
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE `+expiryLookDue+` ORDER BY a.id`,
		formatTime(succeededBy), formatTime(now))
}

// AuthExpiryLookDue returns attempt id's authorization if its look is
// still due (as AuthExpiriesToLook); ErrNotFound when it is not: another
// instance looked meanwhile, the expiry became known, or the order left
// AUTHORIZED.
func (q *Queries) AuthExpiryLookDue(ctx context.Context, id int64, succeededBy, now time.Time) (AuthExpiryLook, error) {
	return queryOne(ctx, q.q, "auth expiry look due", scanExpiryLook, `SELECT `+expiryLookColumns+`
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ? AND `+expiryLookDue,
		id, formatTime(succeededBy), formatTime(now))
}

// RetryAuthExpiryLookAt counts one look for attempt id's authExpiryTime
// that learnt none and sets when the next is due (next), provided the
// count is still seen and the expiry still not known: two workers cannot
// both count the same look. It reports whether it counted.
func (q *Queries) RetryAuthExpiryLookAt(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry auth expiry look", `UPDATE payment_attempts SET auth_expiry_looks = auth_expiry_looks + 1,
		auth_expiry_look_at = ?, updated_at = ? WHERE id = ? AND status = 'SUCCESS' AND auth_expires_at = '' AND auth_expiry_looks = ?`,
		formatTime(next), formatTime(now), id, seen)
}
