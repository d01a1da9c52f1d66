package db

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// endedAuthorization: the authorization aliased a (of the order aliased
// o; openAuthorization) reached its authExpiryTime at or before the time
// bound to its one "?" — or Antom refused a capture of it with a code
// that ends it (refusedEnding: it expired, or it was cancelled at Antom),
// whether or not its authExpiryTime is known — and nothing staff sent may
// still take or release it: no capture PROCESSING, no void (cancel)
// PROCESSING or IN_DOUBT. Antom refuses a capture from then on, so
// nothing was charged and nothing can be.
const endedAuthorization = openAuthorization + ` AND ((a.auth_expires_at != '' AND a.auth_expires_at <= ?) OR ` + refusedEnding + `)
	AND a.cancel_status NOT IN ('PROCESSING', 'IN_DOUBT')
	AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.attempt_id = a.id AND c.status = 'PROCESSING')`

// endingCodes are the capture resultCodes by which Antom says the
// authorization is gone (API.md §5.4): AUTH_EXPIRED, AUTH_CANCELLED,
// ORDER_IS_CANCELED. The twin of checkout's captureEnds, whose rows they
// are (checkout's TestCaptureEndsTwins walks them through both).
const endingCodes = `('AUTH_EXPIRED', 'AUTH_CANCELLED', 'ORDER_IS_CANCELED')`

// EndingCodes returns endingCodes as a list: checkout's test that its
// captureEnds names exactly these.
func EndingCodes() []string {
	var codes []string
	for _, c := range strings.Split(strings.Trim(endingCodes, "()"), ",") {
		codes = append(codes, strings.Trim(strings.TrimSpace(c), "'"))
	}
	return codes
}

// endingRefusalA is the resultCode of the newest capture of the attempt
// aliased a that Antom refused with one of endingCodes; empty when none
// was (or when a LEFT JOIN found no attempt).
const endingRefusalA = `COALESCE((SELECT rc.result_code FROM captures rc WHERE rc.attempt_id = a.id AND rc.status = 'FAIL'
	AND rc.result_code IN ` + endingCodes + ` ORDER BY rc.id DESC LIMIT 1), '')`

// refusedEnding: Antom refused a capture of the authorization aliased a
// with one of endingCodes — a definite answer that it is gone, whatever
// authExpiryTime we hold (none, or one not reached by our clock).
const refusedEnding = endingRefusalA + ` != ''`

// EndedAuthorization is an order whose authorization ended uncaptured
// (endedAuthorization).
type EndedAuthorization struct {
	OrderID       int64
	AttemptID     int64 // the attempt whose authorization it is
	Ref           string
	AuthExpiresAt time.Time // zero when it is not known
	// RefusedWith is the resultCode of the newest capture of it Antom
	// refused with one of endingCodes (endingRefusalA); "" when none was
	// and its authExpiryTime passed.
	RefusedWith string
	// Checks is how many asks of Antom whether it was captured outside
	// this app got no answer so far (RetryEndCheckAt).
	Checks int
	// PaidAt is when the authorization succeeded: the asks stop once it
	// is held longer than any authorization is (checkout's authLooksOver).
	PaidAt time.Time
}

// AuthorizationsEndedBy lists the AUTHORIZED orders whose authorization
// expired at or before now, or that Antom refused a capture of with a
// code that ends it (refusedEnding), with nothing under way on it
// (endedAuthorization) and its next ask of Antom due at now (none asked
// yet, or the time RetryEndCheckAt set reached; never once StopEndChecks
// stopped the asks), oldest expiry first
// (those whose expiry is not known before them).
func (q *Queries) AuthorizationsEndedBy(ctx context.Context, now time.Time) ([]EndedAuthorization, error) {
	t := formatTime(now)
	return queryAll(ctx, q.q, "authorizations ended", scanEndedAuthorization, `SELECT `+endedAuthorizationColumns+` FROM payment_attempts a JOIN orders o ON o.id = a.order_id
		WHERE `+endedAuthorization+` AND (a.end_check_at = '' OR a.end_check_at <= ?) AND a.end_checks_stopped_at = ''
		ORDER BY a.auth_expires_at, o.id`, t, t)
}

// RetryEndCheckAt counts one ask of Antom, about attempt id's ended
// authorization, that got no answer (or one that leaves it open: a
// capture listed as processing, or one that contradicts our books) and
// sets when the next is due (next), provided its order is still
// AUTHORIZED with seen asks counted: two workers cannot both count the
// same ask. It reports whether it counted.
func (q *Queries) RetryEndCheckAt(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry end check", `UPDATE payment_attempts SET end_checks = end_checks + 1, end_check_at = ?, updated_at = ?
		WHERE id = ? AND end_checks = ? AND order_id IN (SELECT o.id FROM orders o WHERE o.status = 'AUTHORIZED')`,
		formatTime(next), formatTime(now), id, seen)
}

// StopEndChecks counts one ask of Antom, about attempt id's ended
// authorization, that got no answer (RetryEndCheckAt's) and ends the
// asks (end_checks_stopped_at: now), provided its order is still
// AUTHORIZED with seen asks counted and they go on: the order then stays
// AUTHORIZED, and AuthorizationsEndedBy lists it no more. It reports
// whether it stopped them.
func (q *Queries) StopEndChecks(ctx context.Context, id int64, seen int, now time.Time) (bool, error) {
	return q.changed(ctx, "stop end checks", `UPDATE payment_attempts SET end_checks = end_checks + 1, end_check_at = '',
		end_checks_stopped_at = ?, updated_at = ?
		WHERE id = ? AND end_checks = ? AND end_checks_stopped_at = '' AND order_id IN (SELECT o.id FROM orders o WHERE o.status = 'AUTHORIZED')`,
		formatTime(now), formatTime(now), id, seen)
}

// EndAuthorization moves order id from AUTHORIZED to status — EXPIRED or
// VOIDED, as checkout's captureEnds says of the refusal that ended it
// (EXPIRED for an expiry that passed) — if its authorization is still
// endedAuthorization at now; false when it is not (captured, voided or
// expired meanwhile, or a capture or void of it under way since). One
// statement: a capture or void claimed in another transaction either
// precedes it (and it changes nothing) or finds the order closed.
func (q *Queries) EndAuthorization(ctx context.Context, id int64, status string, now time.Time) (bool, error) {
	if status != OrderExpired && status != OrderVoided {
		return false, fmt.Errorf("db: end authorization: status %q is neither %s nor %s", status, OrderExpired, OrderVoided)
	}
	t := formatTime(now)
	return q.changed(ctx, "end authorization", `UPDATE orders SET status = ?, updated_at = ?
		WHERE id = ? AND status = 'AUTHORIZED' AND EXISTS (SELECT 1 FROM payment_attempts a JOIN orders o ON o.id = a.order_id
			WHERE o.id = orders.id AND `+endedAuthorization+`)`, status, t, id, t)
}

// endedAuthorizationColumns are what scanEndedAuthorization reads, of
// payment_attempts a joined with orders o.
const endedAuthorizationColumns = `o.id, a.id, o.ref, a.auth_expires_at, ` + endingRefusalA + `, a.end_checks, a.paid_at`

// scanEndedAuthorization reads one row of endedAuthorizationColumns.
func scanEndedAuthorization(row scanner) (EndedAuthorization, error) {
	var x EndedAuthorization
	var expires, paid string
	err := row.Scan(&x.OrderID, &x.AttemptID, &x.Ref, &expires, &x.RefusedWith, &x.Checks, &paid)
	x.AuthExpiresAt, x.PaidAt = parseTime(expires), parseTime(paid)
	return x, err
}
