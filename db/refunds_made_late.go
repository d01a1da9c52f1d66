package db

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// PaymentRefunds is a payment (attempt) with a refund we closed as
// failed that Antom made after all (made late: SUCCESS with fail_seq and
// late_mark set) or was found processing (madeLateM), and what
// checkout's rule of refunds made late reads of
// it: its order, what it took from the buyer (Paid, minor units: the
// amount, or what captures took of a MANUAL authorization) and all its
// refunds, in id order.
type PaymentRefunds struct {
	OrderID, AttemptID, Paid int64
	Refunds                  []Refund
}

// PaymentsWithRefundsMadeLateOrFound returns every payment with a refund made
// late or found processing (PaymentRefunds), by attempt id; none, after
// one indexed read, when there is none (almost always).
func (q *Queries) PaymentsWithRefundsMadeLateOrFound(ctx context.Context) (map[int64]*PaymentRefunds, error) {
	out := map[int64]*PaymentRefunds{}
	if err := queryEach(ctx, q.q, "payments with refunds made late", func(row scanner) error {
		var p PaymentRefunds
		if err := row.Scan(&p.OrderID, &p.AttemptID, &p.Paid); err != nil {
			return err
		}
		out[p.AttemptID] = &p
		return nil
	}, `SELECT a.order_id, a.id, `+paidA+` FROM payment_attempts a
		WHERE a.id IN (SELECT m.attempt_id FROM refunds m WHERE `+madeLateM+`)`); err != nil || len(out) == 0 {
		return nil, err
	}
	ids := paddedIn(slices.Sorted(maps.Keys(out)))
	refunds, err := q.refunds(ctx, `WHERE attempt_id IN (`+placeholders(len(ids))+`) ORDER BY id`, appendArgs(nil, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("db: refunds of payments with refunds made late: %w", err)
	}
	for _, r := range refunds {
		out[r.AttemptID].Refunds = append(out[r.AttemptID].Refunds, r)
	}
	return out, nil
}

// madeLateM: refund m (of refunds aliased m) is a refund we closed as
// failed that Antom made after all (FAIL turned SUCCESS: fail_seq kept),
// or one Antom was found processing (FAIL, found_processing_at; fail_seq
// > 0 reads refunds_fail_seq_idx).
const madeLateM = `m.fail_seq > 0 AND (m.status = 'SUCCESS' OR m.status = 'FAIL' AND m.found_processing_at <> '')`
