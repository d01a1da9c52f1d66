package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// checkCaptures is the reconciler's capture pass: a capture whose outcome
// is unknown is looked up among the payment's transactions
// (inquiryPayment); when Antom lists no such capture it never did it (the
// call got U, a 5xx or no answer before the work) or refused it, and the
// very same capture is sent again — captures are idempotent per
// captureRequestId (API.md §5.4) — to learn its outcome, unless it was
// settled while the inquiry ran. Each capture is worked under its lease.
func (s *Service) checkCaptures(ctx context.Context) error {
	cs, err := s.db.CapturesInProcess(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		s.leased(ctx, captureWork(c.ID), func(ctx context.Context) { s.checkCapture(ctx, c) })
	}
	return nil
}

// checkCapture looks a capture up, under its lease, if it still waits for
// its outcome, and sends it again when Antom lists no such capture.
func (s *Service) checkCapture(ctx context.Context, c db.Capture) {
	c, err := s.db.CaptureByRequestID(ctx, c.CaptureRequestID)
	if err != nil || c.Status != db.CaptureProcessing {
		return
	}
	a, err := s.db.AttemptByID(ctx, c.AttemptID)
	if err != nil {
		s.log.Error("read attempt", "attempt", c.AttemptID, "err", err)
		return
	}
	subject := s.subjectOf(ctx, a)
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentID: a.PaymentID})
	if err != nil {
		return
	}
	if s.captureListed(ctx, c, resp.Transactions) {
		return
	}
	// The inquiry ran without the capture in it; notifyCapture may have
	// settled it meanwhile, and then it is not sent again (stillOpen).
	if s.stillOpen(ctx, captureOpen(ctx, c.CaptureRequestID)) {
		s.resendCapture(withSubject(ctx, subject), a, c)
	}
}

// captureListed settles c from the payment's transactions and reports
// whether they list it.
func (s *Service) captureListed(ctx context.Context, c db.Capture, ts []antom.Transaction) bool {
	for _, t := range ts {
		if t.TransactionType != "CAPTURE" || t.TransactionRequestID != c.CaptureRequestID {
			continue
		}
		switch t.TransactionStatus {
		case "SUCCESS":
			s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", "", t.TransactionID, "reconciler: inquiryPayment lists it")
		case "FAIL":
			s.settleCapture(ctx, nil, c, db.CaptureFail, t.TransactionResult.ResultCode, t.TransactionResult.ResultMessage, "", "reconciler: inquiryPayment lists it")
		}
		return true
	}
	return false
}

// resendCapture sends an unconfirmed capture again, unchanged, and
// settles it on a definite answer.
func (s *Service) resendCapture(ctx context.Context, a db.Attempt, c db.Capture) {
	resp, err := s.antom.Capture(ctx, captureRequest(a, c))
	switch {
	case err == nil:
		s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", "", resp.CaptureID, "reconciler: Antom listed no such capture; sent again, answered S")
	case antom.IsFailed(err):
		s.settleCapture(ctx, nil, c, db.CaptureFail, failureCode(err), failureMessage(err), "", "reconciler: Antom listed no such capture; sent again, answered F")
	}
}
