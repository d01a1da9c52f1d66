package db

import (
	"context"
	"fmt"
)

// Refunds we closed as failed that Antom made after all, and the
// refunds made meanwhile to make them good.
//
// A refund we closed as failed ourselves (three ORDER_NOT_EXIST answers:
// checkout's refund rules) is a failure in the books (refundsOwed):
// refunds of the payment made after it failed make it good, oldest
// failure first (makingGoodN). Once a Refund lookup said Antom has no
// such refund, staff may refund again; if Antom then makes the one we
// closed after all (FAIL turned SUCCESS, its fail_seq kept: madeLateR),
// the books count it as a refund made, no longer a failure, and a refund
// they had counted towards it counts towards other failures of the
// payment, or towards none: then the buyer got that money twice.
//
// The amount is, per payment, what the books made good of failures as
// they stood before Antom made them (refundsMadeLate: those refunds still
// failures, never making good) less what they make good now
// (refundsOwed): refunds made since that were counted towards refunds
// Antom has since made, and that no other failure takes now. A refund
// settled another way or tried again and then made late is
// refundPaidTwice's (refundSettledThenMade, refundRetriedThenMade), not
// this: neither is a failure either way. Refunds that failed before
// migration 40 (no fail_seq) are not told apart.
const (
	// madeLateR: refund r was a failure (fail_seq is set as it fails and
	// kept) and Antom made it after all. Only a FAIL we decided
	// ourselves can turn SUCCESS.
	madeLateR = `r.status = 'SUCCESS' AND r.fail_seq > 0`
	// owingAsIfR is owingR as it held before Antom made the refunds it
	// made late: those are failures too. makingGoodAsIfN is makingGoodN
	// then: they made nothing good.
	owingAsIfR      = `(r.status = 'FAIL' OR ` + madeLateR + `) AND ` + owingRestR
	makingGoodAsIfN = makingGoodN + ` AND n.fail_seq = 0`
	// refundsMadeLate is refundsOwed with owingAsIfR and makingGoodAsIfN
	// (refundsOwedHead + scope + refundsMadeLateTail).
	refundsMadeLateTail = `) AND ` + owingAsIfR + owedUnmetHead + makingGoodAsIfN + owedUnmetTail
	// owingMayR and makingGoodMayN: the books if Antom makes the refunds
	// we closed that it was found processing (foundProcessingR) — no
	// longer failures, making good as refunds made late do.
	foundProcessingR = `r.status = 'FAIL' AND r.found_processing_at <> ''`
	owingMayR        = `r.status = 'FAIL' AND r.found_processing_at = '' AND ` + owingRestR
	makingGoodMayN   = `(n.status != 'FAIL' OR n.found_processing_at <> '') AND n.retry_of = 0`
	refundsMayTail   = `) AND ` + owingMayR + owedUnmetHead + makingGoodMayN + owedUnmetTail
	// madeGoodX is what of failure x (a row of refundsOwed or the like,
	// joined to its refund f) refunds made after it made good: its
	// amount less its remainder (never below 0).
	madeGoodX = `f.amount - CASE WHEN x.remainder > 0 THEN x.remainder ELSE 0 END`
	// withMadeLate: the payments of the refunds r of scope that hold a
	// refund Antom made late or was found processing (the rest read
	// nothing more).
	withMadeLate = ` AND r.attempt_id IN (SELECT m.attempt_id FROM refunds m WHERE ` + madeLateOrFoundM + `)`
	// madeLateOrFoundM: refund m (one of refunds aliased m) was made late
	// or found processing (madeLateR, foundProcessingR; in Go,
	// Refund.MadeLateOrFound).
	madeLateOrFoundM = `m.fail_seq > 0 AND (m.status = 'SUCCESS' OR m.status = 'FAIL' AND m.found_processing_at <> '')`
	// madeLateTwice(scope), spelt madeLateTwiceHead + scope +
	// madeLateTwiceAsIf + scope + madeLateTwiceNow + scope +
	// madeLateTwiceTail, is for the payments of scope (as refundsOwed's)
	// with a refund made late or found processing, each payment
	// (attempt_id, order_id) with what the buyer got twice (twice: what
	// the books made good before Antom made any less what they make good
	// now) and would have got twice if Antom makes those found processing
	// too (may_twice: the same, less what the books would make good
	// then), minor units; rows with either > 0 only; and processing: one
	// of the refunds made since (madeSinceR) is still PROCESSING.
	madeLateTwiceHead = `(SELECT t.attempt_id, t.order_id, t.twice, t.may_twice,
		EXISTS (SELECT 1 FROM refunds r WHERE r.attempt_id = t.attempt_id AND r.status = 'PROCESSING' AND ` + madeSinceR + `) AS processing
		FROM (SELECT s.attempt_id, s.order_id,
		SUM(CASE WHEN s.part = 0 THEN s.made_good WHEN s.part = 1 THEN -s.made_good ELSE 0 END) AS twice,
		SUM(CASE WHEN s.part = 0 THEN s.made_good WHEN s.part = 2 THEN -s.made_good ELSE 0 END) AS may_twice FROM (
		SELECT 0 AS part, x.attempt_id, x.order_id, ` + madeGoodX + ` AS made_good FROM ` + refundsOwedHead
	madeLateTwiceAsIf = withMadeLate + refundsMadeLateTail + ` x JOIN refunds f ON f.id = x.id
		UNION ALL
		SELECT 1, x.attempt_id, x.order_id, ` + madeGoodX + ` FROM ` + refundsOwedHead
	madeLateTwiceNow = withMadeLate + refundsOwedTail + ` x JOIN refunds f ON f.id = x.id
		UNION ALL
		SELECT 2, x.attempt_id, x.order_id, ` + madeGoodX + ` FROM ` + refundsOwedHead
	madeLateTwiceTail = withMadeLate + refundsMayTail + ` x JOIN refunds f ON f.id = x.id) s
		GROUP BY s.attempt_id, s.order_id
		HAVING SUM(CASE WHEN s.part = 0 THEN s.made_good WHEN s.part = 1 THEN -s.made_good ELSE 0 END) > 0
			OR SUM(CASE WHEN s.part = 0 THEN s.made_good WHEN s.part = 2 THEN -s.made_good ELSE 0 END) > 0) t)`
	madeLateTwiceOfOrder = madeLateTwiceHead + `r.order_id = ?` + madeLateTwiceAsIf + `r.order_id = ?` + madeLateTwiceNow +
		`r.order_id = ?` + madeLateTwiceTail
	madeLateTwiceAll = madeLateTwiceHead + `1 = 1` + madeLateTwiceAsIf + `1 = 1` + madeLateTwiceNow + `1 = 1` + madeLateTwiceTail
	// firstMadeLateFailR: the fail_mark of the first refund of r's
	// payment that failed and was made late or found processing
	// (refunds with a greater id were made after it failed).
	firstMadeLateFailR = `(SELECT MIN(m.fail_mark) FROM refunds m WHERE m.attempt_id = r.attempt_id AND ` + madeLateOrFoundM + `)`
	// madeSinceR: refund r of such a payment was made after the first of
	// them failed, and was counted towards failures (makingGoodAsIfN,
	// over r).
	madeSinceR = `r.status != 'FAIL' AND r.retry_of = 0 AND r.fail_seq = 0 AND r.id > ` + firstMadeLateFailR
	// madeTwiceW and maybeTwiceW, over a row w of madeLateTwice: the
	// buyer got money twice (twice > 0, none of the refunds made since
	// still processing); the buyer may get money twice (if Antom makes
	// what it was found processing, or what is still processing of the
	// refunds made since). 1 or 0.
	madeTwiceW  = `CASE WHEN w.twice > 0 AND NOT w.processing THEN 1 ELSE 0 END`
	maybeTwiceW = `CASE WHEN w.may_twice > w.twice OR w.twice > 0 AND w.processing THEN 1 ELSE 0 END`
)

// MadeLateTwice is a payment whose buyer got money twice, or would if
// Antom makes what it was found processing, because refunds we had closed
// as failed were made late (or are being made) by Antom after refunds
// made since had been counted towards them (see refunds_made_late.go).
type MadeLateTwice struct {
	AttemptID int64
	// Twice: what the buyer got twice; MayTwice: what the buyer will have
	// got twice in all if Antom makes those of Found (minor units of the
	// payment's currency; one of them > 0).
	Twice, MayTwice int64
	// Late: the refundRequestIds of the payment's refunds we closed as
	// failed and Antom made after all; Found, of those Antom was found
	// processing; Since, of the refunds made after the first of either
	// failed, which were counted towards failures. In id order.
	Late, Found, Since []string
	// Processing: one of Since is still PROCESSING: until Antom answers,
	// the buyer may get Twice rather than got it.
	Processing bool
}

// OrderRefundsMadeLateTwice returns the order's payments whose buyer got
// (or may get) money twice through refunds Antom made late or is found
// making (MadeLateTwice), by attempt id; none for almost every order.
func (q *Queries) OrderRefundsMadeLateTwice(ctx context.Context, orderID int64) (map[int64]*MadeLateTwice, error) {
	out := map[int64]*MadeLateTwice{}
	err := queryEach(ctx, q.q, "refunds made late twice", scanMadeLateTwice(out), orderMadeLateTwice, orderID, orderID, orderID)
	return out, err
}

// orderMadeLateTwice is OrderRefundsMadeLateTwice's query: a row for each
// refund of each such payment that is made late, found processing or
// made since, with the payment's figures; its order id three times.
const orderMadeLateTwice = `SELECT w.attempt_id, w.twice, w.may_twice, r.refund_request_id, r.status, r.fail_seq > 0
	FROM ` + madeLateTwiceOfOrder + ` w JOIN refunds r ON r.attempt_id = w.attempt_id
	WHERE ((` + madeLateR + ` OR ` + foundProcessingR + `) AND ` + owingRestR + `) OR (` + madeSinceR + `)
	ORDER BY w.attempt_id, r.id`

func scanMadeLateTwice(out map[int64]*MadeLateTwice) func(scanner) error {
	return func(row scanner) error {
		var id, twice, may int64
		var ref, status string
		var failed bool
		if err := row.Scan(&id, &twice, &may, &ref, &status, &failed); err != nil {
			return err
		}
		m := out[id]
		if m == nil {
			m = &MadeLateTwice{AttemptID: id, Twice: max(twice, 0), MayTwice: max(may, 0)}
			out[id] = m
		}
		switch {
		case failed && status == RefundFail:
			m.Found = append(m.Found, ref)
		case failed:
			m.Late = append(m.Late, ref)
		default:
			m.Since = append(m.Since, ref)
			m.Processing = m.Processing || status == RefundProcessing
		}
		return nil
	}
}

// MadeLateOrFound reports whether r was made late or found processing
// (madeLateOrFoundM): only an order with such a refund can have a payment
// paid twice through refunds made late (MadeLateTwice), so the order page
// reads OrderRefundsMadeLateTwice only then (on PostgreSQL the statement
// takes ~1.5 ms to plan).
func (r Refund) MadeLateOrFound() bool {
	return r.FailedOnce && (r.Status == RefundSuccess || r.Status == RefundFail && !r.FoundProcessingAt.IsZero())
}

// anyMadeLateOrFound reports whether any refund was made late or found
// processing (madeLateOrFoundM): if none, nothing was paid twice so, and
// the rule's statements need not run (nor, on PostgreSQL, be planned).
func (q *Queries) anyMadeLateOrFound(ctx context.Context) (bool, error) {
	var found bool
	if err := q.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM refunds m WHERE `+madeLateOrFoundM+`)`).Scan(&found); err != nil {
		return false, fmt.Errorf("db: any refund made late: %w", err)
	}
	return found, nil
}

// OrdersMadeLateTwice returns the orders with a payment whose buyer got
// money twice through refunds made late (MadeLateBits 2: madeTwiceW) or
// may get it so (1: maybeTwiceW), or both (3), by order id; nil when no
// refund was made late or found processing.
func (q *Queries) ordersMadeLateTwice(ctx context.Context) (map[int64]int, error) {
	if found, err := q.anyMadeLateOrFound(ctx); err != nil || !found {
		return nil, err
	}
	return queryMap(ctx, q.q, "orders made late twice", func(row scanner) (id int64, bits int, err error) {
		err = row.Scan(&id, &bits)
		return id, bits, err
	}, `SELECT w.order_id, MAX(`+madeTwiceW+`) * 2 + MAX(`+maybeTwiceW+`) FROM `+madeLateTwiceAll+` w GROUP BY w.order_id`)
}

// CountPaymentsMadeLateTwice counts the payments whose buyer got (or may
// get) money twice through refunds Antom made late or is found making
// (MadeLateTwice).
func (q *Queries) CountPaymentsMadeLateTwice(ctx context.Context) (int, error) {
	if found, err := q.anyMadeLateOrFound(ctx); err != nil || !found {
		return 0, err
	}
	return q.count(ctx, "count payments made late twice", `SELECT COUNT(*) FROM `+madeLateTwiceAll+` w`)
}
