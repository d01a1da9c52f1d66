package db

import "context"

// RefundsOfPaymentsMadeLate returns every refund of each payment that
// has a staff refund Antom made after it had failed (SUCCESS, and
// failed once: a fail_mark, settled another way, or tried again), in
// id order: all checkout's refundsPaidTwice needs to find what the
// buyer got beyond what was owed (only a refund we closed as failed
// ourselves can turn SUCCESS late). Refunds are read by their payment
// (refunds_attempt_idx).
func (q *Queries) RefundsOfPaymentsMadeLate(ctx context.Context) ([]Refund, error) {
	return q.refunds(ctx, `WHERE attempt_id IN (SELECT s.attempt_id FROM refunds s WHERE `+madeLateS+`) ORDER BY id`)
}

// madeLateS is, over refunds aliased s, a staff refund Antom made after
// it had failed.
const madeLateS = `s.status = 'SUCCESS' AND s.automatic = 0 AND (s.fail_mark > 0 OR s.fail_seq > 0 OR s.handled_at != ''
	OR EXISTS (SELECT 1 FROM refunds t WHERE t.retry_of = s.id AND t.retry_of <> 0))`
