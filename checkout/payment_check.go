package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const (
	// cancelGrace is how long past its expiry an unknown attempt is given
	// before it is cancelled.
	cancelGrace = 30 * time.Second
	// maxCheckPause caps the pause between two inquiries.
	maxCheckPause = time.Minute
	// manualCheckEvery rate-limits the buyer's "check again" button.
	manualCheckEvery = 5 * time.Second
)

// ErrTooSoon means the buyer asked to check again too soon.
var ErrTooSoon = errors.New("checkout: checked a moment ago")

// checkAttempt asks Antom about a PROCESSING attempt (inquiryPayment) and
// settles it when the answer is final. Past its expiry and still unknown,
// the payment is cancelled so that it cannot complete later.
func (s *Service) checkAttempt(ctx context.Context, a db.Attempt, why string) {
	subject := s.subjectOf(ctx, a)
	ctx = withSubject(ctx, subject)
	resp, err := s.antom.InquiryPayment(ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	now := s.now()
	expired := now.After(a.ExpiresAt.Add(cancelGrace))
	switch {
	case err == nil && s.settleFromInquiry(ctx, a, resp, why):
		return
	case antom.IsFailed(err) && failureCode(err) == "ORDER_NOT_EXIST" && expired:
		s.settleNow(ctx, a, payOutcome{status: db.AttemptFail, code: "ORDER_NOT_EXIST"}, why+": Antom has no such payment and its time is over")
		return
	}
	if expired {
		s.cancelAttempt(ctx, a, why)
		return
	}
	pause := min(firstCheck<<min(a.Checks, 6), maxCheckPause)
	if err := s.db.ScheduleCheck(ctx, a.ID, now.Add(pause), now); err != nil {
		s.log.Error("schedule check", "attempt", a.ID, "err", err)
	}
}

// settleFromInquiry settles on a final paymentStatus; it reports false
// when the payment is still open.
func (s *Service) settleFromInquiry(ctx context.Context, a db.Attempt, r *antom.InquiryPaymentResponse, why string) bool {
	var out payOutcome
	switch r.PaymentStatus {
	case antom.PaymentSuccess:
		if got, err := r.PaymentAmount.Minor(); r.PaymentAmount != (antom.Amount{}) && (err != nil || got != a.Amount || r.PaymentAmount.Currency != a.Currency) {
			s.record(ctx, nil, s.subjectOf(ctx, a), EventReconciler, "inquiry says SUCCESS for another amount; left for staff")
			return false
		}
		out = outcomeOf(db.AttemptSuccess, "SUCCESS", r.PaymentID, r.PaymentTime)
	case antom.PaymentFail:
		out = outcomeOf(db.AttemptFail, r.PaymentResultCode, r.PaymentID, "")
	case antom.PaymentCancelled:
		out = outcomeOf(db.AttemptCancelled, "ORDER_IS_CANCELED", r.PaymentID, "")
	default:
		return false
	}
	out.card = factsOf(r.CardInfo, r.PaymentResultInfo, r.AuthExpiryTime)
	s.settleNow(ctx, a, out, why+": inquiryPayment says "+r.PaymentStatus)
	return true
}

// cancelAttempt cancels a payment whose outcome stayed unknown past its
// expiry (API.md §5.1.a, the official demo's last step).
func (s *Service) cancelAttempt(ctx context.Context, a db.Attempt, why string) {
	_, err := s.antom.Cancel(ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	switch {
	case err == nil:
		s.settleNow(ctx, a, payOutcome{status: db.AttemptCancelled, code: "ORDER_IS_CANCELED"}, why+": still unknown after its expiry, cancelled")
	case antom.IsFailed(err) && failureCode(err) == "ORDER_NOT_EXIST":
		s.settleNow(ctx, a, payOutcome{status: db.AttemptFail, code: "ORDER_NOT_EXIST"}, why+": Antom has no such payment")
	default:
		// A refused cancel usually means the payment just became final:
		// the next inquiry will say how.
		now := s.now()
		if err := s.db.ScheduleCheck(ctx, a.ID, now.Add(firstCheck), now); err != nil {
			s.log.Error("schedule check", "attempt", a.ID, "err", err)
		}
		s.record(ctx, nil, s.subjectOf(ctx, a), EventReconciler, "cancel not confirmed ("+codeOf(err)+"); asking again")
	}
}

// CheckNow is the buyer's "I have paid — check again": an inquiry at once,
// at most once every few seconds per attempt.
func (s *Service) CheckNow(ctx context.Context, v Viewer, ref string) error {
	o, err := s.OrderFor(ctx, v, ref)
	if err != nil {
		return err
	}
	row, err := s.db.OrderByRef(ctx, o.Ref)
	if err != nil {
		return err
	}
	a, err := s.db.OpenAttempt(ctx, row.ID)
	if errors.Is(err, db.ErrNotFound) {
		return nil // already settled: the page shows it
	}
	if err != nil {
		return err
	}
	now := s.now()
	ok, err := s.db.ClaimManualCheck(ctx, a.ID, now.Add(-manualCheckEvery), now)
	if err != nil {
		return err
	}
	if !ok {
		return ErrTooSoon
	}
	s.checkAttempt(ctx, a, "buyer asked to check")
	return nil
}

// checkAttempts is the reconciler's payment pass.
func (s *Service) checkAttempts(ctx context.Context) error {
	due, err := s.db.AttemptsToCheck(ctx, s.now())
	if err != nil {
		return err
	}
	for _, a := range due {
		s.checkAttempt(ctx, a, "reconciler")
	}
	return nil
}
