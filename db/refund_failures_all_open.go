package db

import "context"

// AllOpenRefundFailures returns every staff refund that failed and is
// still open, of any order (openRefundFailures: not made good by refunds
// made after it failed, not marked handled another way, and owed
// something of what its payment has left), by id: what CountRefundsFailed
// counts, as rows, so that checkout can tell which of them wait for a
// Refund lookup (needsLookup) by its own rule.
func (q *Queries) AllOpenRefundFailures(ctx context.Context) ([]Refund, error) {
	return q.refunds(ctx, `WHERE id IN (SELECT x.id FROM `+openRefundFailures+` x) ORDER BY id`)
}
