package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// applyOutsideCapture applies a CAPTURE_RESULT naming a payment of ours
// (attempt a, of order o) by its paymentId but a captureRequestId that
// is none of ours, of a payment Antom does not capture by itself (not a
// card payment in AUTOMATIC mode): a capture made outside this app — in
// Antom Dashboard, or by another system on the same merchant account.
// Antom signed it: an S is its word that the money was taken, and is
// recorded in our books (adoptOutsideCapture) — applied, the order PAID,
// its timeline naming the capture as made outside the app; the same
// capture told again is a duplicate that records nothing. Anything else
// is quarantined on the order (foreignCapture): a U or F of it, or an S
// that contradicts our books (more than the authorization holds,
// another currency, an order voided or expired).
func (s *Service) applyOutsideCapture(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, n antom.NotifyCapture) (outcome, error) {
	subject := OrderSubject(o.Ref)
	if n.Result.ResultStatus != "S" {
		return foreignCapture(a, subject, n, ""), nil
	}
	x := outsideCapture{requestID: n.CaptureRequestID, captureID: n.CaptureID, amount: n.CaptureAmount, at: parseAntomTime(n.CaptureTime)}
	adopted, problem, err := s.adoptOutsideCapture(ctx, q, a, o, x, "notifyCapture")
	switch {
	case err != nil:
		return outcome{}, err
	case problem != "":
		return foreignCapture(a, subject, n, problem), nil
	case !adopted:
		return outcome{verdict: VerdictDuplicate, subject: subject, quiet: true,
			detail: a.PaymentRequestID + ": " + outsideWords(x) + ", recorded already"}, nil
	}
	publish := s.publishAtCommit(q, subject)
	return outcome{verdict: VerdictApplied, subject: subject, after: func(context.Context) { publish() },
		detail: a.PaymentRequestID + ": " + outsideWords(x) + ", recorded in our books"}, nil
}

// foreignCapture quarantines, on the order (subject), a CAPTURE_RESULT
// of a capture made outside this app that is not recorded
// (applyOutsideCapture): not an S, or an S whose problem contradicts our
// books. Antom signed it, so money may have been taken that the order
// does not show: it is counted on the dashboard and told on the order's
// timeline, rather than stale, which would say nothing changed.
func foreignCapture(a db.Attempt, subject string, n antom.NotifyCapture, problem string) outcome {
	why := ""
	if problem != "" {
		why = ", not recorded: " + problem
	}
	return outcome{verdict: VerdictQuarantined, subject: subject,
		detail: a.PaymentRequestID + ": Antom reports capture " + n.CaptureRequestID + " (resultStatus " + n.Result.ResultStatus +
			"), which is none of ours: a capture made outside this app" + why +
			". Look the payment up in Antom Dashboard before capturing, voiding or refunding"}
}
