package db

import (
	"context"
	"strings"
)

// EventsContaining counts the lines of subject's timeline whose detail
// contains any of parts, as written (case and all; no pattern: % and _
// are taken as they are). Events kept in this transaction are written
// first (flushEvents). It lets a line that must be said once — the same
// news told again at every inquiry — be looked for before it is said.
func (q *Queries) EventsContaining(ctx context.Context, subject string, parts ...string) (int, error) {
	if len(parts) == 0 {
		return 0, nil
	}
	if err := q.flushEvents(ctx); err != nil {
		return 0, err
	}
	ors := make([]string, len(parts))
	args := []any{subject}
	for i, p := range parts {
		ors[i] = `detail LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(p)+"%")
	}
	return q.count(ctx, "events containing", `SELECT COUNT(*) FROM events WHERE subject = ? AND (`+strings.Join(ors, " OR ")+`)`, args...)
}

// likeEscaper escapes LIKE's wildcards (and its escape character, '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Around is the text either side of a payment's paymentId in a timeline
// line that names it as the one on record against another paymentId
// (PaymentIDConflictOrders): Before + paymentId + After.
type Around struct{ Before, After string }

// PaymentIDConflictOrders returns the ids of the orders (ascending)
// with a payment attempt Antom has not settled (PROCESSING, or closed by
// us) whose paymentId on record a line of the order's timeline names
// against another one Antom named (any of lines: checkout words them).
// The paymentId goes into the pattern as stored: Antom's paymentIds are
// digits and letters, no LIKE wildcard.
func (q *Queries) PaymentIDConflictOrders(ctx context.Context, lines []Around) ([]int64, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	ors := make([]string, len(lines))
	var args []any
	for i, l := range lines {
		ors[i] = `e.detail LIKE '%' || ? || a.payment_id || ? || '%'`
		args = append(args, l.Before, l.After)
	}
	return queryAll(ctx, q.q, "paymentId conflicts", scanID, `SELECT DISTINCT o.id FROM payment_attempts a
		JOIN orders o ON o.id = a.order_id
		WHERE (a.status = 'PROCESSING' OR a.final_source = 'OURS') AND a.payment_id <> ''
		AND EXISTS (SELECT 1 FROM events e WHERE e.subject = 'order:' || o.ref AND (`+strings.Join(ors, " OR ")+`))
		ORDER BY o.id`, args...)
}
