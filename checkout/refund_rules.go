package checkout

import (
	"antom-checkout/antom"
	"antom-checkout/db"
)

// Refund states in refundResultRules: the refund's status, and
// "FAIL (ours)" for a refund we closed ourselves because Antom showed no
// such refund three times (API.md §5.7).
const stateRefundFailOurs = "FAIL (ours)"

// refundState names a refund's state for the table.
func refundState(r db.Refund) string {
	if r.Status == db.RefundFail && r.FinalSource == db.SourceOurs {
		return stateRefundFailOurs
	}
	return r.Status
}

// refundResultRules is notifyRefund REFUND_RESULT (API.md §6.5) and
// inquiryRefund's final refundStatus: only SUCCESS settles success and
// only FAIL settles failure. A SUCCESS for a refund we had closed
// ourselves is a late success: the money did go back, and staff must not
// refund it again.
var refundResultRules = table{field: "refundStatus", cells: map[cell]rule{
	{db.RefundProcessing, antom.RefundSuccess}: {to: db.RefundSuccess, verdict: VerdictApplied},
	{db.RefundProcessing, antom.RefundFail}:    {to: db.RefundFail, verdict: VerdictApplied},

	{db.RefundSuccess, antom.RefundSuccess}: {verdict: VerdictDuplicate},
	{db.RefundSuccess, antom.RefundFail}:    {verdict: VerdictQuarantined, reason: "Antom said SUCCESS before and says FAIL now"},
	{db.RefundFail, antom.RefundFail}:       {verdict: VerdictDuplicate},
	{db.RefundFail, antom.RefundSuccess}:    {verdict: VerdictQuarantined, reason: "Antom said FAIL before and says SUCCESS now"},

	{stateRefundFailOurs, antom.RefundSuccess}: {to: db.RefundSuccess, verdict: VerdictApplied,
		reason: "late success: we had closed it as failed ourselves (Antom had no such refund), Antom says it was refunded"},
	{stateRefundFailOurs, antom.RefundFail}: {to: db.RefundFail, verdict: VerdictApplied,
		reason: "Antom confirms the failure we had decided"},
}}
