package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// applyPaymentResult applies notifyPayment PAYMENT_RESULT by
// paymentResultRules. paymentAmount is required (API.md §6.3) and must
// match the attempt's amount and currency, or the notification is
// quarantined and nothing changes.
func (s *Service) applyPaymentResult(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Payment()
	if err != nil || n.PaymentRequestID == "" {
		return outcome{verdict: VerdictQuarantined, detail: "PAYMENT_RESULT without paymentRequestId"}, nil
	}
	a, o, out, err := s.attemptForNotice(ctx, q, n, true)
	if err != nil || out.verdict != "" {
		return out, err
	}
	r := paymentResultRules.lookup(attemptState(a), n.Result.ResultStatus)
	res := outcomeOf(r.to, n.Result.ResultCode, n.PaymentID, n.PaymentTime)
	res.card = factsOf(n.CardInfo, n.PaymentResultInfo, n.AuthExpiryTime)
	out, err = s.applyAttemptRule(ctx, q, a, o, r, res, "notifyPayment")
	if err != nil || out.verdict != VerdictDuplicate || n.Result.ResultStatus != antom.StatusSuccess {
		return out, err
	}
	// The success of a payment already settled may still bring what its
	// answer left out: then it is applied, not a duplicate.
	learned, err := s.learnAuthExpiry(ctx, q, a, o, res.card.authExpires, "it")
	if err != nil || learned == "" {
		return out, err
	}
	out.verdict, out.detail = VerdictApplied, learned
	publish := s.publishAtCommit(q, OrderSubject(o.Ref)) // a duplicate has no after of its own
	out.after = func(context.Context) { publish() }
	return out, nil
}

// applyPaymentPending applies PAYMENT_PENDING by paymentPendingRules: the
// buyer finished, the final result is still to come. It changes no
// attempt.
func (s *Service) applyPaymentPending(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Payment()
	if err != nil || n.PaymentRequestID == "" {
		return outcome{verdict: VerdictQuarantined, detail: "PAYMENT_PENDING without paymentRequestId"}, nil
	}
	a, o, out, err := s.attemptForNotice(ctx, q, n, false)
	if err != nil || out.verdict != "" {
		return out, err
	}
	r := paymentPendingRules.lookup(attemptState(a), n.Result.ResultStatus)
	return s.applyAttemptRule(ctx, q, a, o, r, payOutcome{}, "notifyPayment")
}

// applyAttemptRule carries out one cell of a payment table inside the
// notification's transaction, on attempt a of order o (both as read in
// it). A rule that holds the news back
// (quarantined) or asks for it brings the attempt's next inquiry forward,
// where an inquiry is still due (open, or closed by us and watched).
func (s *Service) applyAttemptRule(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, r rule, res payOutcome, why string) (outcome, error) {
	subject := OrderSubject(o.Ref)
	out := outcome{verdict: r.verdict, detail: r.reason, subject: subject}
	now := s.now()
	if r.ask || r.verdict == VerdictQuarantined {
		if err := q.CheckSoon(ctx, a.ID, now, now); err != nil {
			return outcome{}, err
		}
	}
	if r.to == "" {
		return out, nil
	}
	if r.to == stateCancelledPaid {
		return s.applyPaidBeforeCancel(ctx, q, a, o, r, res, why)
	}
	var f followUps
	settled, err := s.settleIn(ctx, q, a, &o, res, why+reasonSuffix(r.reason), &f)
	if err != nil {
		return outcome{}, err
	}
	if !settled {
		return outcome{verdict: VerdictDuplicate, subject: subject, detail: "the attempt changed meanwhile"}, nil
	}
	if res.status == db.AttemptFail && !res.ours {
		// An automatic capture applied before contradicts it: said here
		// too, not only on the timeline.
		more, err := capturedBeforeFailIn(ctx, q, a)
		if err != nil {
			return outcome{}, err
		}
		out.detail = strings.TrimPrefix(out.detail+more, "; ")
	}
	publish := s.publishAtCommit(q, subject)
	out.after = func(ctx context.Context) {
		publish()
		f.run(ctx)
	}
	return out, nil
}

// attemptForNotice finds the attempt a payment notification is about and
// its order, and checks its amount (which must be there when needAmount)
// and its paymentId (when both it and the attempt have one). A non-empty
// out.verdict means: stop here with it.
func (s *Service) attemptForNotice(ctx context.Context, q *db.Queries, n antom.NotifyPayment, needAmount bool) (db.Attempt, db.Order, outcome, error) {
	a, o, err := q.AttemptAndOrderByRequestID(ctx, n.PaymentRequestID)
	if errors.Is(err, db.ErrNotFound) {
		return a, o, outcome{verdict: VerdictStale, detail: "unknown paymentRequestId"}, nil
	}
	if err != nil {
		return a, o, outcome{}, err
	}
	subject := OrderSubject(o.Ref)
	problem := ""
	switch {
	case n.PaymentAmount == (antom.Amount{}) && needAmount:
		problem = n.NotifyType + " without paymentAmount (required): not applied unchecked"
	case !sameAmount(n.PaymentAmount, a.Currency, a.Amount):
		problem = fmt.Sprintf("amount %s %s does not match the attempt's %s", n.PaymentAmount.Value, n.PaymentAmount.Currency, Money{a.Currency, a.Amount})
	case n.PaymentID != "" && a.PaymentID != "" && n.PaymentID != a.PaymentID:
		// One paymentRequestId is one payment at Antom: another paymentId
		// for it means one of the two words we have is wrong, and refunds
		// and captures go by the one on record. Told, never a duplicate.
		// Recorded with the quarantine (payment_id_conflict.go).
		problem = fmt.Sprintf("paymentId %s differs from the one on record (%s): not applied; ask Antom (inquiryPayment) which is the payment's", n.PaymentID, a.PaymentID)
		if _, err := q.RecordPaymentIDConflict(ctx, a.ID, n.PaymentID, s.now()); err != nil {
			return a, o, outcome{}, err
		}
	}
	if problem != "" {
		if err := q.CheckSoon(ctx, a.ID, s.now(), s.now()); err != nil {
			return a, o, outcome{}, err
		}
		return a, o, outcome{verdict: VerdictQuarantined, subject: subject, detail: problem}, nil
	}
	return a, o, outcome{}, nil
}
