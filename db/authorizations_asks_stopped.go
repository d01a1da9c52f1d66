package db

import (
	"context"
	"time"
)

// askedOut: the attempt aliased a has its asks of Antom about its ended
// authorization stopped (StopEndChecks): Antom never said whether it was
// captured outside this app, and the order stays AUTHORIZED for staff.
const askedOut = `a.end_checks_stopped_at != ''`

// AsksStoppedOrders lists the ids (ascending) of the AUTHORIZED orders
// whose ended authorization's asks of Antom stopped (StopEndChecks) and
// that are not closed yet: staff decide them (checkout's
// CloseAsksStopped). What the dashboard counts and the orders filter
// lists.
func (q *Queries) AsksStoppedOrders(ctx context.Context) ([]int64, error) {
	return queryAll(ctx, q.q, "asks stopped orders", scanID, `SELECT DISTINCT a.order_id FROM payment_attempts a
		JOIN orders o ON o.id = a.order_id
		WHERE o.status = 'AUTHORIZED' AND `+askedOut+` ORDER BY a.order_id`)
}

// AsksStoppedAuthorization is order orderID's authorization as
// AuthorizationsEndedBy lists one, provided it ended uncaptured with
// nothing under way on it at now (endedAuthorization) and the asks of
// Antom about it stopped (StopEndChecks): the one staff may close
// (checkout's CloseAsksStopped). ErrNotFound otherwise — the order
// closed, captured, voided, or a capture or void of it under way.
func (q *Queries) AsksStoppedAuthorization(ctx context.Context, orderID int64, now time.Time) (EndedAuthorization, error) {
	return queryOne(ctx, q.q, "asks stopped authorization", scanEndedAuthorization, `SELECT `+endedAuthorizationColumns+` FROM payment_attempts a JOIN orders o ON o.id = a.order_id
		WHERE o.id = ? AND `+endedAuthorization+` AND `+askedOut+` ORDER BY a.id DESC LIMIT 1`, orderID, formatTime(now))
}
