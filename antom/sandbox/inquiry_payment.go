package sandbox

import (
	"context"

	"antom-checkout/antom"
)

// inquiryPayment answers payments/inquiryPayment (API.md §5.3): the
// merchant's payment by paymentId (which wins) or paymentRequestId; a
// hosted card payment with its card and captures; any payment with its
// refunds.
func (s *Sandbox) inquiryPayment(ctx context.Context, c *Call) (any, error) {
	var r antom.InquiryPaymentRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	if bad := checkPaymentRef(r.PaymentID, r.PaymentRequestID); bad != nil {
		return bad, nil
	}
	p, found, err := findPayment(ctx, s.db, c.Merchant.ClientID, r.PaymentID, r.PaymentRequestID)
	if err != nil {
		return nil, err
	}
	if !found {
		return orderNotExist(), nil
	}
	a := inquiryAnswer(p)
	if err := s.addCardInquiry(ctx, &a, p); err != nil {
		return nil, err
	}
	if err := s.addRefundInquiry(ctx, &a, p); err != nil {
		return nil, err
	}
	return a, nil
}

// checkPaymentRef wants a paymentId or a paymentRequestId, each at most
// 64 characters.
func checkPaymentRef(paymentID, requestID string) *resultBody {
	switch {
	case paymentID == "" && requestID == "":
		return fail(codeParamIllegal, "paymentId or paymentRequestId is required")
	case len(paymentID) > 64 || len(requestID) > 64:
		return fail(codeParamIllegal, "paymentId and paymentRequestId have at most 64 characters")
	}
	return nil
}

// orderNotExist answers a reference to no payment of this merchant.
func orderNotExist() resultBody {
	return failure(antom.CodeOrderNotExist, "no payment with this paymentId or paymentRequestId")
}
