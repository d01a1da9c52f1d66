package db

import (
	"context"
	"fmt"
	"time"
)

// waitingAuthorization: the authorization aliased a (of the order aliased
// o) waits for staff — open (openAuthorization), with neither a capture
// nor a void of it under way, nor a cancel of ours whose effect is in
// doubt (IN_DOUBT: it may release the authorization by itself, and staff
// cannot capture or void it until that is known), nor a capture of it
// refused with a code that ends it (refusedEnding: the reconciler closes
// the order, and staff's page says so already) — as OpenAuthorizations
// counts it.
const waitingAuthorization = openAuthorization + ` AND a.cancel_status NOT IN ('PROCESSING', 'IN_DOUBT') AND ` + lastCaptureA + ` != 'PROCESSING'
	AND NOT (` + refusedEnding + `)`

// expiringAuthorization: the authorization aliased a waits for staff
// (waitingAuthorization) and its authExpiryTime is after the first "?"
// (not expired yet) and at or before the second: staff must capture or
// void it by then, or it lapses and nothing is charged.
const expiringAuthorization = waitingAuthorization + ` AND a.auth_expires_at != '' AND a.auth_expires_at > ? AND a.auth_expires_at <= ?`

// AuthorizationsExpiring counts the authorizations waiting for staff
// that expire after now and at or before until (expiringAuthorization),
// and the soonest of their expiry times (zero when there are none).
func (q *Queries) AuthorizationsExpiring(ctx context.Context, now, until time.Time) (count int, soonest time.Time, err error) {
	var first string
	err = q.q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MIN(a.auth_expires_at), '')
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE `+expiringAuthorization,
		formatTime(now), formatTime(until)).Scan(&count, &first)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("db: authorizations expiring: %w", err)
	}
	return count, parseTime(first), nil
}
