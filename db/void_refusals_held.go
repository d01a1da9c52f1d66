package db

import "context"

// HeldVoidRefusal is an authorization whose void Antom refused and whose
// order still holds it (AUTHORIZED), with what checkout's
// voidRefusalOpen weighs beside the refusal: whether nothing settled it
// since is that rule's to say, not this query's.
type HeldVoidRefusal struct {
	OrderStatus string
	// Attempt: the authorization (a SUCCESS, MANUAL, not surplus attempt
	// whose cancel is FAIL), every column of attemptColumns.
	Attempt Attempt
	Refusal VoidRefusal
	// EndedBy: the resultCode of its newest capture Antom refused with a
	// code that ends it (endingRefusalA); "" if none was.
	EndedBy string
	// LookEnd: the paymentStatus that ended the looks for its
	// authExpiryTime (EndAuthExpiryLook), or AuthExpiryLooksStopped when
	// we stopped asking ourselves; "" while they go on, or none was needed.
	LookEnd string
	// LastCaptureID: the id of its newest capture; 0 for none.
	LastCaptureID int64
}

// HeldVoidRefusals returns every authorization whose void Antom refused
// while its order is AUTHORIZED (a few at most: a refused void is
// staff's to settle), by attempt id: what the dashboard counts, the
// orders filter lists and the orders list marks once checkout's
// voidRefusalOpen kept them.
func (q *Queries) HeldVoidRefusals(ctx context.Context) ([]HeldVoidRefusal, error) {
	return queryAll(ctx, q.q, "held void refusals", scanHeldVoidRefusal, `SELECT `+attemptColumns+`,
		void_refused_at, void_refused_code, void_refused_message, void_refused_capture_id,
		(SELECT o.status FROM orders o WHERE o.id = a.order_id), `+endingRefusalA+`, auth_expiry_look_end,
		COALESCE((SELECT MAX(c.id) FROM captures c WHERE c.attempt_id = a.id), 0)
		FROM payment_attempts a
		WHERE a.status = 'SUCCESS' AND a.capture_mode = 'MANUAL' AND a.surplus = 0 AND a.cancel_status = 'FAIL'
		AND a.void_refused_at != '' AND a.order_id IN (SELECT o.id FROM orders o WHERE o.status = 'AUTHORIZED')
		ORDER BY a.id`)
}

func scanHeldVoidRefusal(row scanner) (HeldVoidRefusal, error) {
	var h HeldVoidRefusal
	var t attemptTimes
	var at string
	v := &h.Refusal
	err := row.Scan(append(t.into(&h.Attempt), &at, &v.Code, &v.Message, &v.CaptureID,
		&h.OrderStatus, &h.EndedBy, &h.LookEnd, &h.LastCaptureID)...)
	t.set(&h.Attempt)
	v.At = parseTime(at)
	return h, err
}
