package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// applyPaymentResult settles an attempt from notifyPayment PAYMENT_RESULT:
// S → SUCCESS, F → FAIL with its code. Amount and currency must match the
// attempt, or the notification is quarantined and nothing changes. A
// final state is never overwritten: a repeat is a duplicate, a
// contradiction is quarantined for staff.
func (s *Service) applyPaymentResult(ctx context.Context, q *db.Queries, body []byte) (outcome, error) {
	var n antom.NotifyPayment
	if err := json.Unmarshal(body, &n); err != nil || n.PaymentRequestID == "" {
		return outcome{verdict: VerdictQuarantined, detail: "PAYMENT_RESULT without paymentRequestId"}, nil
	}
	a, subject, out, err := s.attemptForNotice(ctx, q, n)
	if err != nil || out.verdict != "" {
		return out, err
	}
	status := db.AttemptFail
	if n.Result.ResultStatus == antom.StatusSuccess {
		status = db.AttemptSuccess
	}
	if a.Status != db.AttemptProcessing {
		if a.Status == status {
			return outcome{verdict: VerdictDuplicate, subject: subject}, nil
		}
		return outcome{verdict: VerdictQuarantined, subject: subject,
			detail: fmt.Sprintf("attempt is already %s but Antom says %s", a.Status, status)}, nil
	}
	result := outcomeOf(status, n.Result.ResultCode, n.PaymentID, n.PaymentTime)
	result.card = factsOf(n.CardInfo, n.PaymentResultInfo, n.AuthExpiryTime)
	settled, err := s.settleIn(ctx, q, a, result, "notifyPayment")
	if err != nil {
		return outcome{}, err
	}
	if !settled {
		return outcome{verdict: VerdictDuplicate, subject: subject}, nil
	}
	return outcome{verdict: VerdictApplied, subject: subject, after: func(context.Context) { s.hub.Publish(subject) }}, nil
}

// applyPaymentPending records PAYMENT_PENDING: the buyer finished, the
// final result is still to come. It changes no state.
func (s *Service) applyPaymentPending(ctx context.Context, q *db.Queries, body []byte) (outcome, error) {
	var n antom.NotifyPayment
	if err := json.Unmarshal(body, &n); err != nil || n.PaymentRequestID == "" {
		return outcome{verdict: VerdictQuarantined, detail: "PAYMENT_PENDING without paymentRequestId"}, nil
	}
	a, subject, out, err := s.attemptForNotice(ctx, q, n)
	if err != nil || out.verdict != "" {
		return out, err
	}
	if a.Status != db.AttemptProcessing {
		return outcome{verdict: VerdictStale, subject: subject, detail: "attempt already " + a.Status}, nil
	}
	return outcome{verdict: VerdictApplied, subject: subject, detail: "buyer finished; final result to follow"}, nil
}

// attemptForNotice finds the attempt a payment notification is about and
// checks its amount. A non-empty out.verdict means: stop here with it.
func (s *Service) attemptForNotice(ctx context.Context, q *db.Queries, n antom.NotifyPayment) (db.Attempt, string, outcome, error) {
	a, err := q.AttemptByRequestID(ctx, n.PaymentRequestID)
	if errors.Is(err, db.ErrNotFound) {
		return a, "", outcome{verdict: VerdictStale, detail: "unknown paymentRequestId"}, nil
	}
	if err != nil {
		return a, "", outcome{}, err
	}
	o, err := q.OrderByID(ctx, a.OrderID)
	if err != nil {
		return a, "", outcome{}, err
	}
	subject := OrderSubject(o.Ref)
	if n.PaymentAmount != (antom.Amount{}) {
		got, err := n.PaymentAmount.Minor()
		if err != nil || got != a.Amount || n.PaymentAmount.Currency != a.Currency {
			return a, subject, outcome{verdict: VerdictQuarantined, subject: subject,
				detail: fmt.Sprintf("amount %s %s does not match the attempt's %s", n.PaymentAmount.Value, n.PaymentAmount.Currency, Money{a.Currency, a.Amount})}, nil
		}
	}
	return a, subject, outcome{}, nil
}
