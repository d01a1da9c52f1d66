package sandbox

import (
	"context"

	"antom-checkout/antom"
)

// inquiryRefund answers payments/inquiryRefund (API.md §5.7): the
// merchant's refund by refundId (which wins) or refundRequestId, with
// refundStatus PROCESSING, SUCCESS (and refundTime) or FAIL (a refund
// refused with F: its refundRequestId is known, it has no refundId).
func (s *Sandbox) inquiryRefund(ctx context.Context, c *Call) (any, error) {
	var r antom.InquiryRefundRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	switch {
	case r.RefundID == "" && r.RefundRequestID == "":
		return fail(codeParamIllegal, "refundId or refundRequestId is required"), nil
	case len(r.RefundID) > 64 || len(r.RefundRequestID) > 64:
		return fail(codeParamIllegal, "refundId and refundRequestId have at most 64 characters"), nil
	}
	f, found, err := findRefund(ctx, s.db, c.Merchant.ClientID, r.RefundID, r.RefundRequestID)
	if err != nil {
		return nil, err
	}
	if !found {
		return failure(antom.CodeOrderNotExist, "no refund with this refundId or refundRequestId"), nil
	}
	return inquiryRefundAnswer(f), nil
}

// inquiryRefundAnswer is inquiryRefund's S answer for a refund.
func inquiryRefundAnswer(f refund) antom.InquiryRefundResponse {
	a := antom.InquiryRefundResponse{
		Result:          successResult(),
		RefundID:        f.RefundID,
		RefundRequestID: f.RequestID,
		RefundAmount:    antom.MinorAmount(f.Currency, f.Amount),
		RefundStatus:    f.Status,
	}
	if f.Status == antom.RefundSuccess {
		a.RefundTime = antomTime(f.RefundedAt)
	}
	return a
}
