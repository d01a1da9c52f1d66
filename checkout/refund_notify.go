package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// applyRefundResult applies notifyRefund REFUND_RESULT (API.md §6.5) by
// refundResultRules. An amount or refundId that is not the refund's is
// quarantined for staff and changes nothing.
func (s *Service) applyRefundResult(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Refund()
	if err != nil || (n.RefundRequestID == "" && n.RefundID == "") {
		return outcome{verdict: VerdictQuarantined, detail: "REFUND_RESULT without refundRequestId or refundId"}, nil
	}
	r, err := refundForNotice(ctx, q, n)
	if errors.Is(err, db.ErrNotFound) {
		return outcome{verdict: VerdictStale, detail: "unknown refund"}, nil
	}
	if err != nil {
		return outcome{}, err
	}
	o, err := q.OrderByID(ctx, r.OrderID)
	if err != nil {
		return outcome{}, err
	}
	subject := OrderSubject(o.Ref)
	if problem := refundNoticeMismatch(r, n); problem != "" {
		return outcome{verdict: VerdictQuarantined, subject: subject, detail: problem}, nil
	}
	rule := refundResultRules.lookup(refundState(r), noticeRefundStatus(n))
	out := outcome{verdict: rule.verdict, detail: rule.reason, subject: subject}
	if rule.to == "" {
		return out, nil
	}
	res := refundOutcome{status: rule.to, refundID: n.RefundID, at: parseAntomTime(n.RefundTime), code: n.Result.ResultCode}
	settled, err := s.settleRefundIn(ctx, q, r, res, "notifyRefund"+reasonSuffix(rule.reason), "")
	if err != nil {
		return outcome{}, err
	}
	if !settled {
		return outcome{verdict: VerdictDuplicate, subject: subject, detail: "the refund changed meanwhile"}, nil
	}
	publish := s.publishAtCommit(q, subject)
	out.after = func(ctx context.Context) {
		publish()
		if refusedAsTooMuch(res) {
			s.adoptOutsideRefunds(ctx, r) // our books may be behind Antom's
		}
	}
	return out, nil
}

// refundForNotice finds the refund a notification names: by
// refundRequestId, else by refundId.
func refundForNotice(ctx context.Context, q *db.Queries, n antom.NotifyRefund) (db.Refund, error) {
	if n.RefundRequestID != "" {
		return q.RefundByRequestID(ctx, n.RefundRequestID)
	}
	return q.RefundByRefundID(ctx, n.RefundID)
}

// refundNoticeMismatch says how a notification contradicts the refund,
// or cannot be checked against it (no refundAmount, which API.md §6.5
// requires: not applied unchecked), or "".
func refundNoticeMismatch(r db.Refund, n antom.NotifyRefund) string {
	if n.RefundAmount == (antom.Amount{}) {
		return "REFUND_RESULT without refundAmount (required): not applied unchecked"
	}
	if !sameAmount(n.RefundAmount, r.Currency, r.Amount) {
		return fmt.Sprintf("amount %s %s does not match the refund's %s", n.RefundAmount.Value, n.RefundAmount.Currency, Money{r.Currency, r.Amount})
	}
	if n.RefundID != "" && r.RefundID != "" && n.RefundID != r.RefundID {
		return "refundId does not match the refund's"
	}
	return ""
}

// noticeRefundStatus is the refund status a notification reports:
// refundStatus verbatim, else the result's S as SUCCESS and F as FAIL.
func noticeRefundStatus(n antom.NotifyRefund) string {
	if n.RefundStatus != "" {
		return n.RefundStatus
	}
	switch n.Result.ResultStatus {
	case antom.StatusSuccess:
		return antom.RefundSuccess
	case antom.StatusFail:
		return antom.RefundFail
	}
	return ""
}
