package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// checkCaptures is the reconciler's capture pass: a capture whose outcome
// is unknown is looked up among the payment's transactions
// (inquiryPayment).
func (s *Service) checkCaptures(ctx context.Context) error {
	cs, err := s.db.CapturesInProcess(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		a, err := s.db.AttemptByID(ctx, c.AttemptID)
		if err != nil {
			return err
		}
		subject := s.subjectOf(ctx, a)
		resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentID: a.PaymentID})
		if err != nil {
			continue
		}
		for _, t := range resp.Transactions {
			if t.TransactionType != "CAPTURE" || t.TransactionRequestID != c.CaptureRequestID {
				continue
			}
			switch t.TransactionStatus {
			case "SUCCESS":
				s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", t.TransactionID, "reconciler: inquiryPayment lists it")
			case "FAIL":
				s.settleCapture(ctx, nil, c, db.CaptureFail, t.TransactionResult.ResultCode, "", "reconciler: inquiryPayment lists it")
			}
		}
	}
	return nil
}
