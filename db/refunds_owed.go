package db

// What failed staff refunds leave owed. A failure (owingR) is a staff
// refund that failed, that staff have not marked handled another way
// (MarkRefundHandled: its money went to the buyer outside the payment,
// whatever came after — handledRefundFailure), that staff have not
// retried ("Try this refund again": a refund whose retry_of names it),
// and that is not a retry whose chain Antom made after all
// (retryChainMadeR: the debt it carried is paid). A retried failure owes
// nothing of its own: its debt is its retry's, made good by the retry if
// that is processing or done, owed by the retry if that failed too (then
// the retry is the failure, and may be retried in turn). Failures are in
// the order they failed (fail_seq: failedUpToF and the like). A refund of
// the payment made after failures failed that is not a retry
// (makingGoodN: processing or successful, and never failed: one Antom
// made late pays only its own chain's debt) makes good the failures that
// failed before it was made (n.id > g.fail_mark), oldest unmet failure
// first, never one that failed after it was made — not even one made
// before it, still processing then: staff could not have meant it to
// make that good; a retry makes good only the failure it retries.
//
// A failure staff closed (settled another way or tried again) keeps the
// refunds that had made part of it good when they did: it stays in its
// place in the order failures failed with what of it staff did not pay
// (keptR: its amount less what was settled and what its retry asks, as
// far as refunds made after it failed and before it was closed that make
// good still cover it), owing nothing itself. Without it, settling or
// retrying the rest of a failure would free the refund that made its
// first part good to make good another failure as well, and the books
// would owe that much less than the buyer is owed.
//
// A failure's unmet (refundsOwed's owing_unmet) is what is unmet of the
// failures up to it: the largest, over failures g up to it, of the
// failures from g to it less the refunds made after g failed (those able
// to make good any of them: a failure later in the order failed later).
// Oldest first, what is unmet of them is the newest part of it, so its
// own remainder is the smaller of its amount and that unmet, and the
// remainders of the failures before it add up to unmet less its own.
//
// A failed refund does not reduce what may be refunded, so failures can
// ask for more than the payment has left: what they leave owed is never
// more than what may still be refunded of the payment (lft: paid less
// refunded, processing and settled another way, as AttemptMoney makes
// it — checkout's refundLeft). That cap is allotted to the failures
// oldest first: a failure's allotment is its remainder, cut to what the
// cap leaves after the remainders of the failures before it (never
// below 0). A failure is open while its allotment is > 0: the buyer still
// waits for that money, and staff must act (retry it, refund again, or
// settle it another way and say so). A failure whose allotment is 0 is
// not open: nothing is left of the payment that it could be owed. The
// open failures' allotments add up to what is owed in all
// (FailedRefundTotal): the smaller of their remainders' sum and what may
// still be refunded.

// refundsOwed(scope), spelt refundsOwedHead + scope + refundsOwedTail
// (constants all), is a derived table of the failures (owingR) of the
// refunds r that match scope, with columns id, order_id, attempt_id,
// remainder and allotted (minor units). scope must hold of all or none
// of a payment's refunds (an attempt's, an order's, every refund's, …):
// each failure's figures read the payment's other failures. Its "?"
// placeholders are scope's.
//
// The failures are read once, into owing (a WITH), and each failure's
// unmet and what may be refunded of its payment once more, into
// owing_unmet: spelt as sub-selects of every failure over refunds
// aliased f, g and r, each repeating the failures' conditions, the same
// rule took PostgreSQL ~10 ms to plan a statement (against ~0.3 ms).
// Refunds made after failures failed are read by index
// (refunds_attempt_idx); "retried" by refunds_retry_of_idx (a partial
// index: "t.retry_of <> 0" says it may be read, which neither SQLite nor
// PostgreSQL infers from t.retry_of = r.id; without it each failure
// scanned every refund).
const (
	refundsOwedHead = `(WITH failed AS MATERIALIZED (SELECT r.id, r.order_id, r.attempt_id, r.amount, r.handled_at, r.fail_mark, r.fail_seq,
		CASE WHEN ` + openR + ` THEN 1 ELSE 0 END AS open, ` + unpaidR + ` AS unpaid, ` + closedAtR + ` AS closed_at FROM refunds r
		WHERE (`
	refundsOwedTail = `) AND ` + failedR + `),
	owing AS MATERIALIZED (SELECT r.id, r.order_id, r.attempt_id,
		CASE WHEN r.open = 1 THEN r.amount ELSE ` + keptK + ` END AS amount, r.fail_mark, r.fail_seq, r.open FROM failed r),
	owing_unmet AS MATERIALIZED (SELECT r.id, r.order_id, r.attempt_id, r.amount, r.open,
		(SELECT MAX((SELECT SUM(f.amount) FROM owing f WHERE f.attempt_id = r.attempt_id AND ` + failedFromG + ` AND ` + failedUpToF + `)
			- (SELECT COALESCE(SUM(n.amount), 0) FROM refunds n WHERE n.attempt_id = r.attempt_id AND n.id > g.fail_mark AND ` + makingGoodN + `))
		FROM owing g WHERE g.attempt_id = r.attempt_id AND ` + failedUpToG + `) AS unmet,
		(SELECT ` + paidA + ` - ` + refundedA + ` - ` + processingA + ` - ` + handledA + `
		FROM payment_attempts a WHERE a.id = r.attempt_id) AS lft
		FROM owing r)
	SELECT u.id, u.order_id, u.attempt_id, ` + remainderU + ` AS remainder,
		CASE WHEN ` + remainderU + ` <= 0 OR ` + roomU + ` <= 0 THEN 0
		WHEN ` + roomU + ` < ` + remainderU + ` THEN ` + roomU + ` ELSE ` + remainderU + ` END AS allotted
	FROM owing_unmet u WHERE u.open = 1)`
	// refundsOwedOfAttempt, refundsOwedOfOrder and refundsOwedOfRefund
	// are refundsOwed of the attempt, the order, and the payment of the
	// refund "?" (by id); refundsOwedAll of every refund.
	refundsOwedOfAttempt = refundsOwedHead + `r.attempt_id = ?` + refundsOwedTail
	refundsOwedOfOrder   = refundsOwedHead + `r.order_id = ?` + refundsOwedTail
	refundsOwedOfRefund  = refundsOwedHead + `r.attempt_id = (SELECT p.attempt_id FROM refunds p WHERE p.id = ?)` + refundsOwedTail
	refundsOwedAll       = refundsOwedHead + `1 = 1` + refundsOwedTail
)

const (
	// The order failures failed in (fail_seq): failedFromG, f is g or
	// failed after it; failedUpToF and failedUpToG, f and g are r or
	// failed before it.
	failedFromG = `f.fail_seq >= g.fail_seq`
	failedUpToF = `f.fail_seq <= r.fail_seq`
	failedUpToG = `g.fail_seq <= r.fail_seq`
	// remainderU is the remainder of owing_unmet's failure u; roomU what
	// the cap (u.lft) leaves after the remainders of the failures before
	// it; the allotment is the smaller of the two, never below 0 (CASE,
	// not MIN/LEAST: SQLite and PostgreSQL spell the scalar minimum
	// apart).
	remainderU = `(CASE WHEN u.amount < u.unmet THEN u.amount ELSE u.unmet END)`
	roomU      = `(u.lft - u.unmet + ` + remainderU + `)`
	// owingR is a failure over refunds aliased r: a staff refund that
	// failed, not handled another way, not retried, and not a retry in a
	// chain with a refund Antom made after all (retryChainMadeR). That
	// last: a failure F we closed ourselves is retried by R; Antom then
	// makes F late, and R fails. R asked for what was still owed of F, and
	// F paid it: the buyer is owed nothing, R is no open failure (it can
	// be neither retried nor settled another way), and nothing is paid
	// twice (refundPaidTwice counts such a retry made, processing or
	// settled another way, never one that failed and was left alone).
	owingR = failedR + ` AND ` + openR
	// failedR is a staff refund aliased r that failed, not refused for
	// what refunds made outside this app had taken (outside_took), not a
	// retry in a chain Antom made (owingR's first half); openR, it is not settled
	// another way nor tried again (its second).
	failedR = `r.status = 'FAIL' AND r.automatic = 0 AND r.outside_took = 0 AND NOT (` + retryChainMadeR + `)`
	openR   = `(r.handled_at = '' AND NOT EXISTS (SELECT 1 FROM refunds t WHERE t.retry_of = r.id AND t.retry_of <> 0))`
	// keptByN: refund n was made before failure r was closed: before its
	// first retry (a smaller id), or, settled another way, by then
	// (created_at no later than handled_at).
	keptByN = `n.id < COALESCE((SELECT MIN(t.id) FROM refunds t WHERE t.retry_of = r.id AND t.retry_of <> 0), n.id + 1)
		AND (r.handled_at = '' OR n.created_at <= r.handled_at)`
	// unpaidR is what of failure r staff closed (not openR) they did not
	// pay: its amount less what was settled and what its retries ask
	// (minor units, may be ≤ 0). closedAtR is when r was closed: when
	// settled another way, else when its first retry was made ('' while
	// open; times as text compare in order, db/time.go).
	unpaidR   = `(r.amount - r.handled_amount - COALESCE((SELECT SUM(t.amount) FROM refunds t WHERE t.retry_of = r.id AND t.retry_of <> 0), 0))`
	closedAtR = `(CASE WHEN r.handled_at <> '' THEN r.handled_at
		ELSE COALESCE((SELECT MIN(t.created_at) FROM refunds t WHERE t.retry_of = r.id AND t.retry_of <> 0), '') END)`
	// keptK is what a failure aliased r of failed (refundsOwed's first
	// WITH: failedR, with its open, unpaid and closed_at) that staff
	// closed (settled another way, or tried again) keeps of the refunds
	// that made it good when they did (minor units, never below 0): what
	// of it staff did not pay (unpaid), as far as what refunds made after
	// it failed and before it was closed (keptByN) had made good of it
	// then, oldest first (madeGoodK), covers it. A closed failure stays in
	// its place in the order failures failed with that, so that a refund
	// that made it good is not freed by staff settling or retrying the
	// rest of it to make good another failure as well (rev6's finding 4);
	// it owes nothing itself (open = 0). Only what made good IT: a refund
	// that made good an older failure first is not kept again — else, at
	// the payment's cap, a failure settled for what the cap left kept the
	// refund an older failure had, and once that one's retry failed the
	// books owed that much less (books6).
	keptK = `(SELECT CASE WHEN r.unpaid <= 0 OR k.made <= 0 THEN 0 WHEN r.unpaid < k.made THEN r.unpaid ELSE k.made END
		FROM (SELECT ` + madeGoodK + ` AS made) k)`
	// madeGoodK is what of closed failure r (of failed) the refunds that
	// make good made before it was closed (keptByN) had made good of it
	// then, oldest first (minor units, 0 to its amount): its amount less
	// its remainder as the books stood when it was closed — the largest,
	// over failures kg up to it, of the failures kf from kg to it (each
	// older one closed before r was at what it left unpaid, never below
	// 0; the others, open then, at their amount) less those refunds made
	// after kg failed. checkout's madeGoodOf spells it in Go.
	madeGoodK = `(r.amount - (SELECT CASE WHEN u.m IS NULL OR u.m <= 0 THEN 0 WHEN u.m > r.amount THEN r.amount ELSE u.m END
		FROM (SELECT MAX((SELECT SUM(CASE WHEN kf.id <> r.id AND kf.closed_at <> '' AND kf.closed_at < r.closed_at
				THEN (CASE WHEN kf.unpaid > 0 THEN kf.unpaid ELSE 0 END) ELSE kf.amount END)
			FROM failed kf WHERE kf.attempt_id = r.attempt_id AND kf.fail_seq >= kg.fail_seq AND kf.fail_seq <= r.fail_seq)
			- (SELECT COALESCE(SUM(n.amount), 0) FROM refunds n WHERE n.attempt_id = r.attempt_id AND n.id > kg.fail_mark AND ` + makingGoodN + ` AND ` + keptByN + `))
			AS m FROM failed kg WHERE kg.attempt_id = r.attempt_id AND kg.fail_seq <= r.fail_seq) u))`
	// makingGoodN is a refund aliased n that makes good the failures that
	// failed before it was made (n.id > their fail_mark), oldest first:
	// processing or done, not a retry (a retry makes good only the
	// failure it retries), and never failed (fail_seq 0). A refund we
	// closed as failed that Antom made after all (made late) pays only
	// its own debt — that of its retry chain (retryChainMadeR) — not
	// another failure's: once it failed the failures it was made to make
	// good were owed again, and its own amount was owed besides
	// (rev6's finding 1: else its money paid both). A refund made outside
	// this app (outside: found by inquiryPayment, taken into our books when
	// it was found, so its id is no time it was made) makes good none of
	// ours: nothing says it was made for one, and counting it would tell
	// the buyer less is owed than our failures left.
	makingGoodN = `n.status != 'FAIL' AND n.retry_of = 0 AND n.fail_seq = 0 AND n.outside = 0`
	// openRefundFailures is refundsOwed of every refund, its open
	// failures (allotment > 0) only.
	openRefundFailures = `(SELECT * FROM ` + refundsOwedAll + ` x WHERE x.allotted > 0)`
)
