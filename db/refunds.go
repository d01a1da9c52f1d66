package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Refund statuses, after Antom's refundStatus. PROCESSING is the only
// non-final one; a final status is only ever written over it.
const (
	RefundProcessing = "PROCESSING"
	RefundSuccess    = "SUCCESS"
	RefundFail       = "FAIL"
)

// Refund is one refund call (one refundRequestId) against a paid attempt.
// Checks counts inquiries that found no such refund at Antom.
type Refund struct {
	ID              int64
	OrderID         int64
	AttemptID       int64
	RefundRequestID string
	RefundID        string
	Currency        string
	Amount          int64
	Reason          string
	Status          string
	ResultCode      string
	RefundedAt      time.Time
	NextCheckAt     time.Time
	Checks          int
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	FinalSource     string // "" while PROCESSING, then SourceAntom or SourceOurs
	Automatic       bool   // made by us of a surplus payment, not by staff
	// A failed staff refund that staff settled with the buyer another
	// way (MarkRefundHandled): who, when (zero if not), how, and how much
	// (minor units: what was still owed of it then).
	HandledBy     string
	HandledAt     time.Time
	HandledNote   string
	HandledAmount int64
	// RetryOf: the failed staff refund this one retries (staff's "Try
	// this refund again"), by id; 0 for a refund of its own. Its debt is
	// this refund's: made good by it if it is done or processing, owed by
	// it if it fails (refundsOwed).
	RetryOf int64
	// Of a refund we closed as failed ourselves (FAIL, SourceOurs):
	// WatchEndedAt, when the reconciler stopped asking Antom about it
	// (WatchRefund with no next; zero while it asks); AbsentLookedAt and
	// AbsentLookedBy, when and by whom a Refund lookup made since it was
	// closed answered that Antom has no such refund (LookedAbsent; zero
	// and "" if none did).
	WatchEndedAt   time.Time
	AbsentLookedAt time.Time
	AbsentLookedBy string
	// FoundProcessingAt and FoundProcessingBy (FAIL, SourceOurs): when
	// Antom was found processing it (FoundProcessing) and by whom — the
	// staff member whose Refund lookup found it, "" for the reconciler's
	// watch; zero when it never was, or a Refund lookup since said Antom
	// has none (LookedAbsent).
	FoundProcessingAt time.Time
	FoundProcessingBy string
	// What the books read of a refund (refundsOwed; checkout's books):
	// FailMark, the highest refund id when it failed (refunds with a
	// greater id were made after; 0 if it never failed); FailSeq, the
	// order failures failed in (1, 2, …; kept when Antom makes it after
	// all, so > 0 means it failed at some time); RetryRoot, the first
	// failure of its retry chain (0 if it is no retry); LateMark, of a
	// refund we closed as failed that Antom made after all, the highest
	// refund id when it did (0 otherwise, and for one made so before
	// migration 46).
	FailMark, FailSeq, RetryRoot, LateMark int64
	// LateAt: when Antom made it after all (with LateMark; zero
	// otherwise, and for one made so before migration 47).
	LateAt time.Time
	// Outside: a refund made outside this app (in Antom Dashboard, by
	// another system) that inquiryPayment listed and we took into the
	// books (AdoptOutsideRefund): SUCCESS, made by nobody here.
	// OutsideTook: a refund (staff's or automatic) Antom refused REFUND_AMOUNT_EXCEED
	// because such refunds had taken what it asked for
	// (MarkRefundOutsideTook): no open failure, nothing owed of it.
	Outside, OutsideTook bool
}

// Unconfirmed reports a refund Antom has not confirmed yet: PROCESSING,
// and Antom never gave it a refundId (which it gives with every S
// answer, and notifyRefund and inquiryRefund keep): no answer came yet.
// Its buyer is told it is being confirmed, not that it is on its way
// (checkout's Result.RefundConfirming and Refunding; My orders' line,
// OwnedOrderState.Confirming and Refunding, by unconfirmedX).
func (r Refund) Unconfirmed() bool {
	return r.Status == RefundProcessing && r.RefundID == ""
}

// unconfirmedX is Refund.Unconfirmed of a refund aliased x that is
// PROCESSING, in SQL.
const unconfirmedX = `x.refund_id = ''`

const refundColumns = `id, order_id, attempt_id, refund_request_id, refund_id, currency, amount, reason,
	status, result_code, refunded_at, next_check_at, checks, created_by, created_at, updated_at,
	final_source, automatic, handled_by, handled_at, handled_note, handled_amount, retry_of,
	watch_ended_at, absent_looked_at, absent_looked_by, found_processing_at, found_processing_by, fail_mark, fail_seq, retry_root, late_mark, late_at, outside, outside_took`

func scanRefund(row scanner) (Refund, error) {
	var r Refund
	var refunded, next, created, updated, handled, watchEnded, lookedAbsent, foundProcessing, late string
	err := row.Scan(&r.ID, &r.OrderID, &r.AttemptID, &r.RefundRequestID, &r.RefundID, &r.Currency, &r.Amount,
		&r.Reason, &r.Status, &r.ResultCode, &refunded, &next, &r.Checks, &r.CreatedBy, &created, &updated,
		&r.FinalSource, &r.Automatic, &r.HandledBy, &handled, &r.HandledNote, &r.HandledAmount, &r.RetryOf,
		&watchEnded, &lookedAbsent, &r.AbsentLookedBy, &foundProcessing, &r.FoundProcessingBy,
		&r.FailMark, &r.FailSeq, &r.RetryRoot, &r.LateMark, &late, &r.Outside, &r.OutsideTook)
	r.RefundedAt, r.NextCheckAt = parseTime(refunded), parseTime(next)
	r.CreatedAt, r.UpdatedAt, r.HandledAt = parseTime(created), parseTime(updated), parseTime(handled)
	r.WatchEndedAt, r.AbsentLookedAt = parseTime(watchEnded), parseTime(lookedAbsent)
	r.FoundProcessingAt, r.LateAt = parseTime(foundProcessing), parseTime(late)
	return r, err
}

// InsertRefund records a refund before refund is called; ErrDuplicate if
// its refundRequestId is taken, or if it retries (RetryOf) a refund that
// another refund retries already. A retry gets its chain's first failure
// (retry_root: the root of the refund it retries, or that refund).
func (q *Queries) InsertRefund(ctx context.Context, r Refund) (int64, error) {
	id, err := insertNew(ctx, q.q, "insert refund", `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency,
		amount, reason, status, next_check_at, created_by, created_at, updated_at, automatic, retry_of, retry_root)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
			COALESCE((SELECT CASE WHEN x.retry_root <> 0 THEN x.retry_root ELSE x.id END FROM refunds x WHERE x.id = ?), 0))
		ON CONFLICT DO NOTHING RETURNING id`,
		r.OrderID, r.AttemptID, r.RefundRequestID, r.Currency, r.Amount, r.Reason, r.Status,
		formatTime(r.NextCheckAt), r.CreatedBy, formatTime(r.CreatedAt), formatTime(r.CreatedAt), r.Automatic, r.RetryOf, r.RetryOf)
	if err != nil {
		return 0, err
	}
	if r.Status == RefundFail {
		// Recorded failed already: it failed when it was made (fail_mark).
		if _, err := q.q.ExecContext(ctx, `UPDATE refunds SET fail_mark = `+failMarkNow+`, fail_seq = `+failSeqNext+` WHERE id = ?`, id); err != nil {
			return 0, fmt.Errorf("db: insert refund: %w", err)
		}
	}
	return id, nil
}

// failMarkNow is a refund's fail_mark as it fails: the highest refund id
// there is. Refunds are inserted and settled in transactions that run one
// at a time, so every refund with a greater id is made after it failed.
const failMarkNow = `(SELECT MAX(m.id) FROM refunds m)`

// failSeqNext is a refund's fail_seq as it fails: one more than the last
// failure's (refunds fail one at a time, in those same transactions).
const failSeqNext = `(SELECT MAX(m.fail_seq) + 1 FROM refunds m)`

// RefundByID returns a refund; ErrNotFound if there is none.
func (q *Queries) RefundByID(ctx context.Context, id int64) (Refund, error) {
	return q.refund(ctx, `WHERE id = ?`, id)
}

// RefundByRequestID returns the refund of a refundRequestId.
func (q *Queries) RefundByRequestID(ctx context.Context, requestID string) (Refund, error) {
	return q.refund(ctx, `WHERE refund_request_id = ?`, requestID)
}

// RefundByRefundID returns the refund Antom gave a refundId.
func (q *Queries) RefundByRefundID(ctx context.Context, refundID string) (Refund, error) {
	if refundID == "" {
		return Refund{}, ErrNotFound
	}
	return q.refund(ctx, `WHERE refund_id = ?`, refundID)
}

func (q *Queries) refund(ctx context.Context, where string, arg any) (Refund, error) {
	return queryOne(ctx, q.q, "refund", scanRefund, `SELECT `+refundColumns+` FROM refunds `+where, arg)
}

// RetryOfRefund returns the refund that retries refund id (its RetryOf
// is id; there is at most one); ErrNotFound if none does.
func (q *Queries) RetryOfRefund(ctx context.Context, id int64) (Refund, error) {
	if id == 0 {
		return Refund{}, ErrNotFound
	}
	return q.refund(ctx, `WHERE retry_of = ? AND retry_of <> 0`, id) // "<> 0": refunds_retry_of_idx may be read
}

// OrderRefunds returns an order's refunds, oldest first.
func (q *Queries) OrderRefunds(ctx context.Context, orderID int64) ([]Refund, error) {
	return q.refunds(ctx, orderRefunds, orderID)
}

// orderRefunds picks OrderRefunds' refunds.
const orderRefunds = `WHERE order_id = ? ORDER BY id`

// RefundsToCheck returns the refunds whose next inquiry is due:
// PROCESSING ones, and ones we closed ourselves that are still watched
// (WatchRefund).
func (q *Queries) RefundsToCheck(ctx context.Context, now time.Time) ([]Refund, error) {
	return q.refunds(ctx, `WHERE (status = 'PROCESSING' OR (status = 'FAIL' AND final_source = 'OURS' AND next_check_at != ''))
		AND next_check_at <= ? ORDER BY next_check_at, id`, formatTime(now))
}

// WatchRefund counts one look at a refund we closed ourselves (FAIL,
// SourceOurs) and sets when to ask Antom about it again; a zero next
// stops asking, at now (Refund.WatchEndedAt).
func (q *Queries) WatchRefund(ctx context.Context, id int64, next, now time.Time) error {
	var ended time.Time
	if next.IsZero() {
		ended = now
	}
	_, err := q.q.ExecContext(ctx, `UPDATE refunds SET checks = checks + 1, next_check_at = ?, watch_ended_at = ?, updated_at = ?
		WHERE id = ? AND status = 'FAIL' AND final_source = 'OURS'`, formatTime(next), formatTime(ended), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: watch refund: %w", err)
	}
	return nil
}

func (q *Queries) refunds(ctx context.Context, where string, args ...any) ([]Refund, error) {
	return queryAll(ctx, q.q, "refunds", scanRefund, `SELECT `+refundColumns+` FROM refunds `+where, args...)
}

// AttemptMoney is what became of a paid attempt's money, each in the
// attempt's currency's minor units (never negative).
type AttemptMoney struct {
	Captured   int64 // its captures that succeeded (a card authorization captured by hand)
	Refunded   int64 // its refunds that succeeded (SUCCESS)
	Processing int64 // its refunds still processing (PROCESSING)
	// Handled: its failed refunds staff settled with the buyer another
	// way (MarkRefundHandled, HandledRefundTotal's sum).
	Handled int64
}

// AttemptMoney reads an attempt's AttemptMoney in one statement;
// ErrNotFound if there is no such attempt. Run in the transaction that
// inserts a refund, it is what that refund must fit in (checkout's
// refund check).
func (q *Queries) AttemptMoney(ctx context.Context, attemptID int64) (AttemptMoney, error) {
	var m AttemptMoney
	err := q.q.QueryRowContext(ctx, attemptMoney, attemptID).Scan(&m.Captured, &m.Refunded, &m.Processing, &m.Handled)
	if errors.Is(err, sql.ErrNoRows) {
		return AttemptMoney{}, ErrNotFound
	}
	if err != nil {
		return AttemptMoney{}, fmt.Errorf("db: attempt money: %w", err)
	}
	return m, nil
}

// attemptMoney is AttemptMoney's query.
const attemptMoney = `SELECT ` + capturedA + `, ` + refundedA + `, ` + processingA + `, ` + handledA + `
		FROM payment_attempts a WHERE a.id = ?`

// RefundTotals returns what an attempt has refunded (SUCCESS) and what is
// still being refunded (PROCESSING), in the attempt's currency's minor
// units. The refund check reads them with AttemptMoney, in the
// transaction that inserts a refund.
func (q *Queries) RefundTotals(ctx context.Context, attemptID int64) (refunded, processing int64, err error) {
	err = q.q.QueryRowContext(ctx, refundTotals, attemptID).Scan(&refunded, &processing)
	if err != nil {
		return 0, 0, fmt.Errorf("db: refund totals: %w", err)
	}
	return refunded, processing, nil
}

// refundTotals is RefundTotals' query.
const refundTotals = `SELECT
		COALESCE(SUM(CASE WHEN status = 'SUCCESS' THEN amount END), 0),
		COALESCE(SUM(CASE WHEN status = 'PROCESSING' THEN amount END), 0)
		FROM refunds WHERE attempt_id = ?`

// FailedRefundTotal is, in the attempt's currency's minor units, what is
// still owed of the attempt's staff refunds that failed: the sum of the
// open failures' allotments (refundsOwed; OpenRefundFailures), which
// is the smaller of what they asked less what refunds made after they failed
// made good, and what may still be refunded of the attempt. Money the
// buyer was told of and did not get; never more than the payment has
// left to give.
func (q *Queries) FailedRefundTotal(ctx context.Context, attemptID int64) (int64, error) {
	owed, _, err := q.FailedRefunds(ctx, attemptID)
	return owed, err
}

// FailedRefunds is FailedRefundTotal (owed, minor units) with how many
// open failures owe it (failures, those whose allotment is > 0): the
// buyer's page says "a refund" or "refunds" could not be made.
func (q *Queries) FailedRefunds(ctx context.Context, attemptID int64) (owed int64, failures int, err error) {
	if err := q.q.QueryRowContext(ctx, failedRefunds, attemptID).Scan(&owed, &failures); err != nil {
		return 0, 0, fmt.Errorf("db: failed refund total: %w", err)
	}
	return owed, failures, nil
}

// failedRefunds is FailedRefunds' query.
const failedRefunds = `SELECT COALESCE(SUM(x.allotted), 0), COUNT(CASE WHEN x.allotted > 0 THEN 1 END)
		FROM ` + refundsOwedOfAttempt + ` x`

// OpenRefundFailures returns an order's open failed staff refunds
// (refundsOwed, allotted > 0) by refund id, each with what is still owed of it in
// its currency's minor units (RefundFailuresOwed's Owed). A failure not
// in the map is not open: made good, handled another way, owed nothing
// because nothing is left of the payment, or not a failure.
func (q *Queries) OpenRefundFailures(ctx context.Context, orderID int64) (map[int64]int64, error) {
	owed, err := q.RefundFailuresOwed(ctx, orderID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(owed))
	for id, o := range owed {
		out[id] = o.Owed
	}
	return out, nil
}

// RefundOwed is what an open failed staff refund is owed, in its
// currency's minor units. Unmet: its amount less what refunds made after
// it failed made good of it (refunds make good the oldest
// unmet failure first). Owed: Unmet, cut so that the open failures'
// sum, oldest first, is never more than what may still be refunded of
// the payment (refundsOwed's allotment); 0 < Owed <= Unmet.
type RefundOwed struct {
	Owed, Unmet int64
}

// RefundFailuresOwed returns an order's open failed staff refunds
// (refundsOwed, allotted > 0) by refund id, each with its RefundOwed. A failure
// not in the map is not open (see OpenRefundFailures).
func (q *Queries) RefundFailuresOwed(ctx context.Context, orderID int64) (map[int64]RefundOwed, error) {
	return queryMap(ctx, q.q, "open refund failures", scanRefundOwed, refundFailuresOwed, orderID)
}

// refundFailuresOwed is RefundFailuresOwed's query.
const refundFailuresOwed = `SELECT x.id, x.allotted, x.remainder FROM ` + refundsOwedOfOrder + ` x
		WHERE x.allotted > 0`

func scanRefundOwed(row scanner) (id int64, o RefundOwed, err error) {
	err = row.Scan(&id, &o.Owed, &o.Unmet)
	return id, o, err
}

// RefundUnmet is what refunds made after staff refund id, a failure,
// have not made good of it (RefundOwed's Unmet, before the cap), in its
// currency's minor units; 0 if it is not a failure owing anything (made
// good, handled another way, retried, not failed). A failure with
// RefundUnmet > 0 that is not open is owed nothing only because the
// failures before it take all that may still be refunded.
func (q *Queries) RefundUnmet(ctx context.Context, id int64) (int64, error) {
	var n int64
	if err := q.q.QueryRowContext(ctx, refundUnmet, id, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: refund unmet: %w", err)
	}
	return max(n, 0), nil
}

// HandledRefundTotal sums, in the attempt's currency's minor units, what
// staff settled with the buyer another way (MarkRefundHandled) of the
// attempt's failed staff refunds: for each, what was still owed of it
// when marked. It is what the buyer's page says could not be made through
// the payment. (AttemptMoney's Handled, which a new refund may not take
// again, also counts a refund Antom made after all once marked.)
func (q *Queries) HandledRefundTotal(ctx context.Context, attemptID int64) (int64, error) {
	n, _, err := q.HandledRefunds(ctx, attemptID)
	return n, err
}

// HandledRefunds is HandledRefundTotal and how many failed refunds make
// it up (0 when it is zero): the buyer reads "a refund" or "refunds"
// of that sum.
func (q *Queries) HandledRefunds(ctx context.Context, attemptID int64) (total int64, count int, err error) {
	if err := q.q.QueryRowContext(ctx, handledRefunds, attemptID).Scan(&total, &count); err != nil {
		return 0, 0, fmt.Errorf("db: handled refund total: %w", err)
	}
	return total, count, nil
}

// handledRefunds is HandledRefunds' query.
const handledRefunds = `SELECT COALESCE(SUM(r.handled_amount), 0), COUNT(CASE WHEN r.handled_amount > 0 THEN 1 END)
		FROM refunds r WHERE r.attempt_id = ? AND ` + handledRefundFailure

// refundUnmet is RefundUnmet's query: its refund id twice.
const refundUnmet = `SELECT COALESCE(MAX(x.remainder), 0) FROM ` + refundsOwedOfRefund + ` x WHERE x.id = ?`

// MarkRefundHandled records that staff (by) settled an open failed
// refund (refundsOwed, allotted > 0) with the buyer another way, how (note) and
// when, and how much: what was still owed of it then (its allotment, as
// OpenRefundFailures gives it: a refund made after it failed may have made part
// good, and failures are never owed more than the payment has left). It
// is then no longer an open problem. False, and nothing changed, if the
// refund is not an open failure (any more): not failed, automatic, made
// good by refunds made after it failed, owed nothing, or marked already.
func (q *Queries) MarkRefundHandled(ctx context.Context, id int64, by, note string, at time.Time) (bool, error) {
	return q.changed(ctx, "mark refund handled", `UPDATE refunds SET handled_by = ?, handled_at = ?, handled_note = ?, updated_at = ?,
		handled_amount = x.allotted FROM `+refundsOwedOfRefund+` x
		WHERE refunds.id = ? AND x.id = refunds.id AND x.allotted > 0`,
		by, formatTime(at), note, formatTime(at), id, id)
}

// CountRefundsPaidTwice counts the refunds the buyer got twice or may get
// twice (refundMadeTwice, refundMaybeTwice: settled another way, or
// retried, then made by Antom after all — or found processing by Antom),
// and of them those the buyer may get twice (maybe: a retry Antom may yet
// make, or a refund made good already that Antom is found processing):
// staff should know. Refunds of notTwice (ids: those checkout's rule of
// refunds made late finds nothing paid twice of, OrderSearch.NotTwice)
// are not counted.
func (q *Queries) CountRefundsPaidTwice(ctx context.Context, notTwice []int64) (all, maybe int, err error) {
	ids := paddedIn(notTwice)
	err = q.q.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN `+refundMaybeTwice+` THEN 1 END)
		FROM refunds r WHERE (`+refundMadeTwice+` OR `+refundMaybeTwice+`)`+notTwiceR(len(ids)), appendArgs(nil, ids...)...).Scan(&all, &maybe)
	if err != nil {
		return 0, 0, fmt.Errorf("db: count refunds paid twice: %w", err)
	}
	return all, maybe, nil
}

// SettleRefund writes a final status over a refund still in the state it
// was read in: PROCESSING (fromSource ""), or a FAIL we decided ourselves
// (fromSource SourceOurs) that Antom now settles. source says who decided
// the new status; false when the refund has moved meanwhile. A refund
// that fails now gets its fail_mark (failMarkNow: refunds with a greater
// id are made after it failed) and its fail_seq (failSeqNext: the order
// failures failed in); one that failed before keeps those it got then. A
// FAIL that turns SUCCESS (Antom made it after all) gets its late_mark
// (failMarkNow: refunds with a greater id were made after that) and its
// late_at (now).
func (q *Queries) SettleRefund(ctx context.Context, id int64, fromStatus, fromSource, status, code, refundID, source string, refundedAt, now time.Time) (bool, error) {
	return q.changed(ctx, "settle refund", `UPDATE refunds SET status = ?, result_code = ?,
		refund_id = CASE WHEN ? != '' THEN ? ELSE refund_id END, refunded_at = ?, final_source = ?, updated_at = ?,
		fail_mark = CASE WHEN CAST(? AS TEXT) = 'FAIL' AND status != 'FAIL' THEN `+failMarkNow+` ELSE fail_mark END,
		fail_seq = CASE WHEN CAST(? AS TEXT) = 'FAIL' AND status != 'FAIL' THEN `+failSeqNext+` ELSE fail_seq END,
		late_mark = CASE WHEN CAST(? AS TEXT) = 'SUCCESS' AND status = 'FAIL' THEN `+failMarkNow+` ELSE late_mark END,
		late_at = CASE WHEN CAST(? AS TEXT) = 'SUCCESS' AND status = 'FAIL' THEN CAST(? AS TEXT) ELSE late_at END
		WHERE id = ? AND status = ? AND final_source = ?`,
		status, code, refundID, refundID, formatTime(refundedAt), source, formatTime(now), status, status, status,
		status, formatTime(now), id, fromStatus, fromSource)
}

// AutomaticRefundCounts counts the refunds we made of surplus payments:
// all of them, and those not SUCCESS yet (processing, or failed: staff
// must see to those) — but for one Antom refused because refunds made
// outside this app had given the buyer that money (outside_took): done.
// partOutside counts, of the open ones, the failed ones that refunds made
// outside this app, taken into our books after it was made, gave part of
// (checkout's outsideCovers): the rest is owed.
func (q *Queries) AutomaticRefundCounts(ctx context.Context) (all, open, partOutside int, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN status != 'SUCCESS' AND outside_took = 0 THEN 1 END),
		COUNT(CASE WHEN status = 'FAIL' AND outside_took = 0 AND EXISTS (SELECT 1 FROM refunds o
			WHERE o.attempt_id = refunds.attempt_id AND o.outside = 1 AND o.id > refunds.id) THEN 1 END)
		FROM refunds WHERE automatic = 1`).Scan(&all, &open, &partOutside)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("db: automatic refund counts: %w", err)
	}
	return all, open, partOutside, nil
}

// SetRefundID records the refundId Antom gave a refund still processing.
func (q *Queries) SetRefundID(ctx context.Context, id int64, refundID string, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE refunds SET refund_id = ?, updated_at = ?
		WHERE id = ? AND refund_id = ''`, refundID, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set refund id: %w", err)
	}
	return nil
}

// ScheduleRefundCheck sets when to ask about a PROCESSING refund again.
func (q *Queries) ScheduleRefundCheck(ctx context.Context, id int64, next, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE refunds SET next_check_at = ?, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING'`, formatTime(next), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: schedule refund check: %w", err)
	}
	return nil
}

// CountRefundNotFound counts one inquiry that found no such refund and
// sets the next one, provided the count is still seen (two reconcilers
// cannot both count the same answer); false otherwise.
func (q *Queries) CountRefundNotFound(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "count refund not found", `UPDATE refunds SET checks = checks + 1, next_check_at = ?,
		updated_at = ? WHERE id = ? AND status = 'PROCESSING' AND checks = ?`,
		formatTime(next), formatTime(now), id, seen)
}
