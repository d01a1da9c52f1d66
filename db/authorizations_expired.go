package db

import (
	"context"
	"time"
)

// expiredAuthorization: the authorization aliased a (of the order aliased
// o; openAuthorization) reached its authExpiryTime at or before the time
// bound to its one "?" — or Antom refused a capture of it saying so
// (refusedExpired), whether or not its authExpiryTime is known — and
// nothing staff sent may still take or release it: no capture
// PROCESSING, no void (cancel) PROCESSING or IN_DOUBT. Antom refuses a
// capture from then on (AUTH_EXPIRED), so nothing was charged and
// nothing can be.
const expiredAuthorization = openAuthorization + ` AND ((a.auth_expires_at != '' AND a.auth_expires_at <= ?) OR ` + refusedExpired + `)
	AND a.cancel_status NOT IN ('PROCESSING', 'IN_DOUBT')
	AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.attempt_id = a.id AND c.status = 'PROCESSING')`

// refusedExpired: Antom refused a capture of the authorization aliased a
// with AUTH_EXPIRED (API.md §5.4) — a definite answer that it expired,
// whatever authExpiryTime we hold (none, or one not reached by our clock).
const refusedExpired = `EXISTS (SELECT 1 FROM captures rc WHERE rc.attempt_id = a.id AND rc.status = 'FAIL' AND rc.result_code = 'AUTH_EXPIRED')`

// ExpiredAuthorization is an order whose authorization expired
// uncaptured (expiredAuthorization).
type ExpiredAuthorization struct {
	OrderID       int64
	Ref           string
	AuthExpiresAt time.Time // zero when it is not known (refusedExpired)
}

// AuthorizationsExpiredBy lists the AUTHORIZED orders whose authorization
// expired at or before now, or that Antom said expired (refusedExpired),
// with nothing under way on it (expiredAuthorization), oldest expiry
// first (those whose expiry is not known before them).
func (q *Queries) AuthorizationsExpiredBy(ctx context.Context, now time.Time) ([]ExpiredAuthorization, error) {
	return queryAll(ctx, q.q, "authorizations expired", func(row scanner) (ExpiredAuthorization, error) {
		var x ExpiredAuthorization
		var expires string
		err := row.Scan(&x.OrderID, &x.Ref, &expires)
		x.AuthExpiresAt = parseTime(expires)
		return x, err
	}, `SELECT o.id, o.ref, a.auth_expires_at FROM payment_attempts a JOIN orders o ON o.id = a.order_id
		WHERE `+expiredAuthorization+` ORDER BY a.auth_expires_at, o.id`, formatTime(now))
}

// ExpireAuthorization moves order id from AUTHORIZED to EXPIRED if its
// authorization is still expiredAuthorization at now (its expiry passed,
// or a capture of it refused AUTH_EXPIRED); false when it is not
// (captured, voided or expired meanwhile, or a capture or void of it under
// way since). One statement: a capture or void claimed in another
// transaction either precedes it (and it changes nothing) or finds the
// order EXPIRED.
func (q *Queries) ExpireAuthorization(ctx context.Context, id int64, now time.Time) (bool, error) {
	t := formatTime(now)
	return q.changed(ctx, "expire authorization", `UPDATE orders SET status = 'EXPIRED', updated_at = ?
		WHERE id = ? AND status = 'AUTHORIZED' AND EXISTS (SELECT 1 FROM payment_attempts a JOIN orders o ON o.id = a.order_id
			WHERE o.id = orders.id AND `+expiredAuthorization+`)`, t, id, t)
}
