package db

import "regexp"

// The rule of what failed staff refunds leave owed as it was spelt
// before refundsOwed (one copy of the failures' conditions in every
// sub-select that reads them, and ~10 ms of PostgreSQL's planning a
// statement), kept as the reference TestRefundsOwedAsBefore compares
// refundsOwed's statements with on random refund histories.

var (
	oldRefundUnmetUpTo = `(SELECT MAX((SELECT SUM(` + oldAmountF + `) FROM refunds f
		WHERE f.order_id = r.order_id AND f.attempt_id = r.attempt_id AND ` + oldFailedFromG + ` AND ` + oldFailedUpToF + ` AND ` + oldFailedF + `)
	- (SELECT COALESCE(SUM(n.amount), 0) FROM refunds n
		WHERE n.order_id = r.order_id AND n.attempt_id = r.attempt_id AND n.id > g.fail_mark AND ` + oldMakingGoodN + `))
	FROM refunds g WHERE g.order_id = r.order_id AND g.attempt_id = r.attempt_id AND ` + oldFailedUpToG + ` AND ` + oldFailedG + `)`
	oldFailedFromG     = `(f.fail_mark > g.fail_mark OR (f.fail_mark = g.fail_mark AND f.id >= g.id))`
	oldFailedUpToF     = `(f.fail_mark < r.fail_mark OR (f.fail_mark = r.fail_mark AND f.id <= r.id))`
	oldFailedUpToG     = `(g.fail_mark < r.fail_mark OR (g.fail_mark = r.fail_mark AND g.id <= r.id))`
	oldRefundRemainder = `(SELECT ` + oldRemainderU + ` FROM (SELECT ` + oldRefundUnmetUpTo + ` AS unmet) u)`
	oldRemainderU      = `(CASE WHEN r.amount < u.unmet THEN r.amount ELSE u.unmet END)`
	oldRoomU           = `(u.lft - u.unmet + ` + oldRemainderU + `)`
	oldRefundAllotted  = `(SELECT CASE WHEN ` + oldRemainderU + ` <= 0 OR ` + oldRoomU + ` <= 0 THEN 0
		WHEN ` + oldRoomU + ` < ` + oldRemainderU + ` THEN ` + oldRoomU + ` ELSE ` + oldRemainderU + ` END
		FROM (SELECT ` + oldRefundUnmetUpTo + ` AS unmet, ` + oldAttemptLeftR + ` AS lft) u)`
	oldAttemptLeftR = `(SELECT ` + paidA + ` - ` + refundedA + ` - ` + processingA + ` - ` + handledA + `
		FROM payment_attempts a WHERE a.id = r.attempt_id)`
	// Since rev6's finding 4, failures staff closed (settled another
	// way or tried again) count with what they keep (keptR) among those
	// the unmet reads, owing nothing themselves.
	oldFailedF           = `f.status = 'FAIL' AND f.automatic = 0 AND NOT (` + oldRetryChainMadeF + `)`
	oldFailedG           = `g.status = 'FAIL' AND g.automatic = 0 AND NOT (` + oldRetryChainMadeG + `)`
	oldOwingR            = `r.status = 'FAIL' AND r.automatic = 0 AND r.handled_at = '' AND NOT EXISTS (SELECT 1 FROM refunds t WHERE t.retry_of = r.id) AND NOT (` + oldRetryChainMadeR + `)`
	oldMakingGoodN       = `n.status != 'FAIL' AND n.retry_of = 0 AND n.fail_seq = 0`
	oldOpenRefundFailure = oldOwingR + ` AND ` + oldRefundAllotted + ` > 0`
)

const (
	oldRetryChainMadeF = `f.retry_root <> 0 AND EXISTS (SELECT 1 FROM refunds a WHERE (a.id = f.retry_root OR a.retry_root = f.retry_root)
		AND a.id < f.id AND a.status = 'SUCCESS')`
	oldRetryChainMadeG = `g.retry_root <> 0 AND EXISTS (SELECT 1 FROM refunds a WHERE (a.id = g.retry_root OR a.retry_root = g.retry_root)
		AND a.id < g.id AND a.status = 'SUCCESS')`
	oldRetryChainMadeR = `r.retry_root <> 0 AND EXISTS (SELECT 1 FROM refunds a WHERE (a.id = r.retry_root OR a.retry_root = r.retry_root)
		AND a.id < r.id AND a.status = 'SUCCESS')`
)

// oldAmountF is what failure f counts for in the unmet: its amount when
// open, what it keeps when closed (openR and keptR over f).
var oldAmountF = `(CASE WHEN ` + onF(openR) + ` THEN f.amount ELSE ` + onF(oldKeptR) + ` END)`

// oldKeptR is refundsOwed's keptK spelt over refunds aliased r, its
// failures read from refunds (aliased kf and kg) rather than the WITH.
var oldKeptR = `(SELECT CASE WHEN ` + unpaidR + ` <= 0 OR k.made <= 0 THEN 0 WHEN ` + unpaidR + ` < k.made THEN ` + unpaidR + ` ELSE k.made END
	FROM (SELECT (r.amount - (SELECT CASE WHEN u.m IS NULL OR u.m <= 0 THEN 0 WHEN u.m > r.amount THEN r.amount ELSE u.m END
		FROM (SELECT MAX((SELECT SUM(CASE WHEN kf.id <> r.id AND ` + onAlias(closedAtR, "kf") + ` <> '' AND ` + onAlias(closedAtR, "kf") + ` < ` + closedAtR + `
				THEN (CASE WHEN ` + onAlias(unpaidR, "kf") + ` > 0 THEN ` + onAlias(unpaidR, "kf") + ` ELSE 0 END) ELSE kf.amount END)
			FROM refunds kf WHERE kf.attempt_id = r.attempt_id AND ` + onAlias(oldFailedR, "kf") + ` AND kf.fail_seq >= kg.fail_seq AND kf.fail_seq <= r.fail_seq)
			- (SELECT COALESCE(SUM(n.amount), 0) FROM refunds n WHERE n.attempt_id = r.attempt_id AND n.id > kg.fail_mark AND ` + makingGoodN + ` AND ` + keptByN + `))
			AS m FROM refunds kg WHERE kg.attempt_id = r.attempt_id AND ` + onAlias(oldFailedR, "kg") + ` AND kg.fail_seq <= r.fail_seq) u)) AS made) k)`

// oldFailedR is failedR in the old spelling.
const oldFailedR = `r.status = 'FAIL' AND r.automatic = 0 AND NOT (` + oldRetryChainMadeR + `)`

// onAlias is cond, spelt over refunds aliased r, over refunds aliased
// alias.
func onAlias(cond, alias string) string {
	return regexp.MustCompile(`\br\.`).ReplaceAllString(cond, alias+".")
}

// onF is a condition over refunds aliased r over refunds aliased f.
func onF(cond string) string { return regexp.MustCompile(`\br\.`).ReplaceAllString(cond, "f.") }

// Each statement of the old spelling, by what it answered.
var (
	OldFailedRefunds = `SELECT COALESCE(SUM(x.owed), 0), COUNT(CASE WHEN x.owed > 0 THEN 1 END)
		FROM (SELECT ` + oldRefundAllotted + ` AS owed FROM refunds r WHERE r.attempt_id = ? AND ` + oldOwingR + `) x`
	OldRefundFailuresOwed = `SELECT r.id, ` + oldRefundAllotted + `, ` + oldRefundRemainder + ` FROM refunds r
		WHERE r.order_id = ? AND ` + oldOpenRefundFailure
	OldRefundUnmet        = `SELECT COALESCE(MAX(` + oldRefundRemainder + `), 0) FROM refunds r WHERE r.id = ? AND ` + oldOwingR
	OldCountRefundsFailed = `SELECT COUNT(*) FROM refunds r WHERE ` + oldOpenRefundFailure
	// OldCountRefundsFailedOfOrder is OldCountRefundsFailed of one
	// order ("?"): summed over every order, the same count.
	OldCountRefundsFailedOfOrder = `SELECT COUNT(*) FROM refunds r WHERE r.order_id = ? AND ` + oldOpenRefundFailure
	OldOrderRefundFailed         = `SELECT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = ? AND ` + oldOpenRefundFailure + `)`
	OldAllotted                  = `SELECT ` + oldRefundAllotted + ` FROM refunds r WHERE r.id = ?`
)
