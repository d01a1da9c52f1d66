package checkout

import (
	"context"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// checkCaptures is the reconciler's capture pass: a capture whose outcome
// is unknown is looked up among the payment's transactions
// (inquiryPayment); when Antom lists no such capture it never did it (the
// call got U, a 5xx or no answer before the work) or refused it, and the
// very same capture is sent again — captures are idempotent per
// captureRequestId (API.md §5.4) — to learn its outcome, unless it was
// settled while the inquiry ran. An answer that gives the authorization's
// authExpiryTime, which no answer had given before, records it
// (learnAuthExpiryFromInquiry). A look that learns nothing puts the
// next one off by captureBackoff (kept with the capture: every instance
// and a restart keep to it). Each capture is worked under its lease.
func (s *Service) checkCaptures(ctx context.Context) error {
	cs, err := s.db.CapturesToCheck(ctx, s.now())
	if err != nil {
		return err
	}
	for _, c := range cs {
		s.leased(ctx, captureWork(c.ID), func(ctx context.Context) { s.checkCapture(ctx, c) })
	}
	return nil
}

// checkCapture looks a capture up, under its lease, if it still waits for
// its outcome and its look is due, and sends it again when Antom lists no
// such capture.
func (s *Service) checkCapture(ctx context.Context, c db.Capture) {
	c, err := s.db.CaptureByRequestID(ctx, c.CaptureRequestID)
	if err != nil || c.Status != db.CaptureProcessing {
		return
	}
	due, err := s.db.CaptureCheckOf(ctx, c.ID)
	if err != nil || due.NextCheckAt.After(s.now()) {
		return // another instance has just looked
	}
	a, err := s.db.AttemptByID(ctx, c.AttemptID)
	if err != nil {
		s.log.Error("read attempt", "attempt", c.AttemptID, "err", err)
		return
	}
	subject := s.subjectOf(ctx, a)
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentID: a.PaymentID})
	if err == nil {
		s.learnAuthExpiryFromInquiry(ctx, a, resp) // before the capture's outcome: what settles it then knows it
	}
	listed := false
	if err == nil {
		listed, err = s.captureListed(ctx, c, resp.Transactions)
	}
	switch {
	case listed:
		if !s.stillOpen(ctx, captureOpen(c.CaptureRequestID)) {
			return
		}
		if err == nil {
			err = errListedProcessing
		}
	case err != nil:
	// The inquiry ran without the capture in it; notifyCapture may have
	// settled it meanwhile, and then it is not sent again (stillOpen).
	case !s.stillOpen(ctx, captureOpen(c.CaptureRequestID)):
		return
	default:
		if err = s.resendCapture(withSubject(ctx, subject), a, c); err == nil || antom.IsFailed(err) {
			return
		}
	}
	s.captureUnanswered(ctx, c, due.Checks, subject, err)
}

// errListedProcessing stands for an inquiry that lists the capture as
// still processing: no outcome yet, as for an unknown answer.
var errListedProcessing = fmt.Errorf("listed as processing")

// captureListed settles c from the payment's transactions and reports
// whether they list it. A SUCCESS naming another transactionAmount than
// c's settles nothing and is the *capturedOtherError returned
// (capturedOther); err is nil otherwise.
func (s *Service) captureListed(ctx context.Context, c db.Capture, ts []antom.Transaction) (listed bool, err error) {
	for _, t := range ts {
		if t.TransactionType != antom.TransactionCapture || t.TransactionRequestID != c.CaptureRequestID {
			continue
		}
		switch t.TransactionStatus {
		case "SUCCESS":
			if err := capturedOther("transactionAmount", t.TransactionAmount, c); err != nil {
				return true, err
			}
			s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", "", t.TransactionID, "reconciler: inquiryPayment lists it")
		case "FAIL":
			s.settleCapture(ctx, nil, c, db.CaptureFail, t.TransactionResult.ResultCode, t.TransactionResult.ResultMessage, "", "reconciler: inquiryPayment lists it")
		}
		return true, nil
	}
	return false, nil
}

// resendCapture sends an unconfirmed capture again, unchanged, settles
// it on a definite answer, and returns the call's error — or, for an S
// naming another captureAmount than c's, the *capturedOtherError
// (capturedOther), settling nothing.
func (s *Service) resendCapture(ctx context.Context, a db.Attempt, c db.Capture) error {
	resp, err := s.antom.Capture(ctx, captureRequest(a, c))
	if err == nil {
		if other := capturedOther("captureAmount", resp.CaptureAmount, c); other != nil {
			return other
		}
	}
	switch {
	case err == nil:
		s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", "", resp.CaptureID, "reconciler: Antom listed no such capture; sent again, answered S")
	case antom.IsFailed(err):
		s.settleCapture(ctx, nil, c, db.CaptureFail, failureCode(err), failureMessage(err), "", "reconciler: Antom listed no such capture; sent again, answered F")
	}
	return err
}

// captureUnanswered counts a look at a PROCESSING capture that learnt
// nothing (err: why) and sets the next after captureBackoff's pause,
// with a line — in one transaction, only while the capture is still
// PROCESSING — on the first look and on each step while the pause grows;
// looks at the capped pause write none (their calls are on the
// timeline).
func (s *Service) captureUnanswered(ctx context.Context, c db.Capture, seen int, subject string, err error) {
	n := seen + 1
	pause := s.pause(captureBackoff, n)
	write := n == 1 || !captureBackoff.capped(n-1)
	why := unknownWhy(err)
	if err == errListedProcessing {
		why = " (Antom lists it as processing)"
	}
	if words := capturedOtherWords(err); words != "" {
		why = ": " + words
	}
	line := "capture " + c.CaptureRequestID + " not confirmed yet" + why
	if n > 1 {
		line = "capture " + c.CaptureRequestID + " still not confirmed after " + fmt.Sprint(n) + " looks" + why
	}
	if captureBackoff.capped(n) {
		line += "; looking again every " + pauseWords(pause) + " until Antom answers"
	} else {
		line += "; looking again in " + pauseWords(pause)
	}
	now := s.now()
	s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		counted, err := q.RetryCaptureAt(ctx, c.ID, seen, now.Add(pause), now)
		return counted && write, err
	})
}
