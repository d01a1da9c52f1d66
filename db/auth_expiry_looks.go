package db

import (
	"context"
	"time"
)

// AuthExpiryLook is an open MANUAL authorization whose authExpiryTime no
// answer of Antom's gave yet, as the reconciler's look for it finds it
// (checkout's lookForAuthExpiries).
type AuthExpiryLook struct {
	Attempt Attempt
	Ref     string    // its order's
	Looks   int       // its looks so far that learnt none
	Due     time.Time // when this look was due (RetryAuthExpiryLookAt's next); zero for the first
}

// expiryLookDue: the authorization aliased a (of the order aliased o) is
// open (openAuthorization), its authExpiryTime is not known, no answer
// ended its looks (EndAuthExpiryLook), no other work asks Antom about it
// — neither a cancel of ours in doubt (the cancel-in-doubt watch, whose
// answer records the expiry) or under way (a void, which ends the
// authorization), nor a capture of it still PROCESSING (the capture
// check's inquiry records the expiry too); a cancel Antom refused (FAIL)
// leaves it to the look — and its look is due: it had none and
// succeeded (paid_at) at or before the first "?", or its next look is due
// at or before the second. payment_attempts_expiry_look_due_idx
// (migration 42) holds the attempts it can match.
const expiryLookDue = openAuthorization + ` AND a.auth_expires_at = '' AND a.auth_expiry_look_end = '' AND a.cancel_status NOT IN ('PROCESSING', 'IN_DOUBT')
	AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.attempt_id = a.id AND c.status = 'PROCESSING')
	AND ((a.auth_expiry_look_at = '' AND a.paid_at <= ?) OR (a.auth_expiry_look_at != '' AND a.auth_expiry_look_at <= ?))`

// expiryLooksWhere selects, by the authorizations' ids that the query in
// its parentheses (expiryLookDue's) returns, each as scanExpiryLook reads
// it.
const expiryLooksWhere = `SELECT ` + attemptColumns + `, auth_expiry_looks, auth_expiry_look_at,
	(SELECT o.ref FROM orders o WHERE o.id = payment_attempts.order_id) FROM payment_attempts WHERE id IN
	(SELECT a.id FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE `

func scanExpiryLook(row scanner) (AuthExpiryLook, error) {
	var l AuthExpiryLook
	var t attemptTimes
	var due string
	err := row.Scan(append(t.into(&l.Attempt), &l.Looks, &due, &l.Ref)...)
	t.set(&l.Attempt)
	l.Due = parseTime(due)
	return l, err
}

// AuthExpiriesToLook lists the authorizations whose look for their
// authExpiryTime is due at now (expiryLookDue): the first of each once it
// succeeded at or before succeededBy, the next at the time
// RetryAuthExpiryLookAt set. Oldest attempt first.
func (q *Queries) AuthExpiriesToLook(ctx context.Context, succeededBy, now time.Time) ([]AuthExpiryLook, error) {
	return queryAll(ctx, q.q, "auth expiries to look", scanExpiryLook, expiryLooksWhere+expiryLookDue+`) ORDER BY id`,
		formatTime(succeededBy), formatTime(now))
}

// AuthExpiryLookDue returns attempt id's authorization if its look is
// still due (as AuthExpiriesToLook); ErrNotFound when it is not: another
// instance looked meanwhile, the expiry became known, the looks ended,
// other work asks about it, or the order left AUTHORIZED.
func (q *Queries) AuthExpiryLookDue(ctx context.Context, id int64, succeededBy, now time.Time) (AuthExpiryLook, error) {
	return queryOne(ctx, q.q, "auth expiry look due", scanExpiryLook, expiryLooksWhere+`a.id = ? AND `+expiryLookDue+`)`,
		id, formatTime(succeededBy), formatTime(now))
}

// expiryLookOpen: attempt "?" (the first) is still an open authorization
// (openAuthorization: the order still AUTHORIZED — a capture may have
// settled it while the look's inquiry ran) whose expiry is not known and
// whose looks have not ended, with its looks still counted at the second
// "?": two workers cannot both count the same look.
const expiryLookOpen = `id = ? AND status = 'SUCCESS' AND capture_mode = 'MANUAL' AND surplus = 0
	AND auth_expires_at = '' AND auth_expiry_look_end = '' AND auth_expiry_looks = ?
	AND order_id IN (SELECT o.id FROM orders o WHERE o.status = 'AUTHORIZED')`

// RetryAuthExpiryLookAt counts one look for attempt id's authExpiryTime
// that learnt none and sets when the next is due (next), provided the
// look is still open with seen looks counted (expiryLookOpen). It reports
// whether it counted.
func (q *Queries) RetryAuthExpiryLookAt(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry auth expiry look", `UPDATE payment_attempts SET auth_expiry_looks = auth_expiry_looks + 1,
		auth_expiry_look_at = ?, updated_at = ? WHERE `+expiryLookOpen,
		formatTime(next), formatTime(now), id, seen)
}

// EndAuthExpiryLook counts one look for attempt id's authExpiryTime whose
// answer said the payment is status (FAIL, CANCELLED: not SUCCESS, so it
// gives no expiry) and ends the looks with it (Attempt.AuthExpiryLookEnd),
// provided the look is still open with seen looks counted
// (expiryLookOpen). It reports whether it ended them.
func (q *Queries) EndAuthExpiryLook(ctx context.Context, id int64, seen int, status string, now time.Time) (bool, error) {
	return q.changed(ctx, "end auth expiry look", `UPDATE payment_attempts SET auth_expiry_looks = auth_expiry_looks + 1,
		auth_expiry_look_end = ?, updated_at = ? WHERE `+expiryLookOpen,
		status, formatTime(now), id, seen)
}

// AuthExpiryLooksStopped is the auth_expiry_look_end of looks we
// stopped ourselves (StopAuthExpiryLooks): Antom's answers never gave the
// expiry, for as long as an authorization can be held (it has most
// likely ended then; Antom did not say so).
const AuthExpiryLooksStopped = "STOPPED"

// StopAuthExpiryLooks counts one look for attempt id's authExpiryTime
// that learnt none and ends the looks (auth_expiry_look_end
// AuthExpiryLooksStopped), keeping when in auth_expiry_look_at — the
// next look's due time while the looks go on, the time they stopped once
// they have (AuthExpiryLookEnding.At) — provided the look is still open
// with seen looks counted (expiryLookOpen). It reports whether it
// stopped them.
func (q *Queries) StopAuthExpiryLooks(ctx context.Context, id int64, seen int, now time.Time) (bool, error) {
	return q.changed(ctx, "stop auth expiry looks", `UPDATE payment_attempts SET auth_expiry_looks = auth_expiry_looks + 1,
		auth_expiry_look_end = ?, auth_expiry_look_at = ?, updated_at = ? WHERE `+expiryLookOpen,
		AuthExpiryLooksStopped, formatTime(now), formatTime(now), id, seen)
}

// AuthExpiryLookEnding is how the looks for an authorization's
// authExpiryTime ended: Status, the paymentStatus that ended them
// (EndAuthExpiryLook: FAIL, CANCELLED), or AuthExpiryLooksStopped, with
// At the time we stopped (zero otherwise); Status "" while they go on, or
// when none was needed.
type AuthExpiryLookEnding struct {
	Status string
	At     time.Time
}

// AuthExpiryLookEnd returns the paymentStatus that ended the looks for
// attempt id's authExpiryTime (EndAuthExpiryLook), or
// AuthExpiryLooksStopped; "" while they go on, or when none was needed.
// ErrNotFound if there is no such attempt.
func (q *Queries) AuthExpiryLookEnd(ctx context.Context, id int64) (string, error) {
	e, err := queryOne(ctx, q.q, "auth expiry look end", scanLookEnding, authExpiryLookEnd, id)
	return e.Status, err
}

// ReadAuthExpiryLookEnding reads how the looks for attempt id's
// authExpiryTime ended (AuthExpiryLookEnding).
func ReadAuthExpiryLookEnding(id int64, out *AuthExpiryLookEnding) Read {
	return readOne("auth expiry look end", out, scanLookEnding, authExpiryLookEnd, id)
}

const authExpiryLookEnd = `SELECT auth_expiry_look_end, auth_expiry_look_at FROM payment_attempts WHERE id = ?`

func scanLookEnding(row scanner) (AuthExpiryLookEnding, error) {
	var e AuthExpiryLookEnding
	var at string
	err := row.Scan(&e.Status, &at)
	if e.Status == AuthExpiryLooksStopped {
		e.At = parseTime(at)
	}
	return e, err
}
