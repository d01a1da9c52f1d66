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
	// maxCheckPause caps the pause between two inquiries of an open
	// attempt.
	maxCheckPause = time.Minute
	// lateWatch is how long after it started an attempt we closed
	// ourselves is still asked about: Antom resends notifications for
	// about 24 hours (API.md §6.1).
	lateWatch = 24 * time.Hour
	// maxWatchPause caps the pause between two inquiries of such an
	// attempt.
	maxWatchPause = 30 * time.Minute
	// manualCheckEvery rate-limits the buyer's "check again" button.
	manualCheckEvery = 5 * time.Second
)

// ErrTooSoon means the buyer asked to check again too soon.
var ErrTooSoon = errors.New("checkout: checked a moment ago")

// ErrStillAsking means a buyer's action has no answer from Antom within
// Options.ActionWait (inActionWait): Antom is still being asked (by the
// action, whose call goes on in the background, or by another worker it
// waited for). The result page shows the answer once it comes. "Check
// again" returns it as it is; "pay another way" within
// ErrCancelNotConfirmed.
var ErrStillAsking = errors.New("checkout: still asking Antom")

// checkLeased does what an attempt waits for (checkAttempt) under its
// lease, on the attempt as it stands once the lease is held; when due is
// set, only if its check is still due then (another instance may have
// just done it). It reports false when another worker holds the lease.
func (s *Service) checkLeased(ctx context.Context, id int64, why string, due bool) bool {
	return s.leased(ctx, attemptWork(id), s.checkIf(id, why, func(a db.Attempt) bool {
		return !due || !a.NextCheckAt.IsZero() && !a.NextCheckAt.After(s.now())
	}))
}

// checkIf is work, for the attempt's lease, that does what the attempt
// waits for (checkAttempt) if, read under the lease, it is still wanted.
func (s *Service) checkIf(id int64, why string, wanted func(db.Attempt) bool) func(context.Context) {
	return func(ctx context.Context) {
		a, err := s.db.AttemptByID(ctx, id)
		if err != nil {
			s.log.Error("read attempt", "attempt", id, "err", err)
			return
		}
		if wanted(a) {
			s.checkAttempt(ctx, a, why)
		}
	}
}

// checkAttempt does what an attempt waits for: a cancel not yet confirmed
// is sent again; an open attempt is asked about; one we closed ourselves
// is asked whether it completed after all. The caller holds the
// attempt's lease.
func (s *Service) checkAttempt(ctx context.Context, a db.Attempt, why string) {
	switch {
	case a.CancelStatus == db.CancelProcessing:
		s.resendCancel(ctx, a, why)
	case a.Status == db.AttemptProcessing:
		s.checkOpen(ctx, a, why)
	case a.FinalSource == db.SourceOurs:
		s.watchClosed(ctx, a, why)
	case a.Status == db.AttemptSuccess && a.CancelStatus == db.CancelInDoubt:
		s.watchCancelDoubt(ctx, a, why)
	default:
		if err := s.db.ScheduleCheck(ctx, a.ID, time.Time{}, s.now()); err != nil {
			s.log.Error("schedule check", "attempt", a.ID, "err", err)
		}
	}
}

// resendCancel sends again a cancel Antom has not answered — but of an
// attempt still open to us, only once inquiryPayment says Antom has not
// ended it meanwhile. Told SUCCESS, the attempt is settled paid with the
// cancel in doubt (SettleAttempt), as when the notification comes first:
// a payment that was to be stopped is not cancelled once paid (that
// would give the money back, API.md §5.5). Told CANCELLED — our cancel
// was made, its answers lost — or FAIL, the attempt is settled so and
// the cancel, no longer wanted, is dropped: the order opens for a new
// payment. In none of them is the cancel sent.
func (s *Service) resendCancel(ctx context.Context, a db.Attempt, why string) {
	if a.Status == db.AttemptProcessing {
		resp, err := s.antom.InquiryPayment(withSubject(ctx, s.subjectOf(ctx, a)), &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
		if err == nil && resp.PaymentStatus != antom.PaymentProcessing && s.applyInquiry(ctx, a, resp, why+": "+endedBeforeResend(resp.PaymentStatus)) {
			return
		}
	}
	s.cancelAttempt(ctx, a, a.CancelAskedBy, why+": cancel sent again")
}

// endedBeforeResend says, for the timeline, how Antom had ended a
// payment (paymentStatus) whose cancel was to be sent again.
func endedBeforeResend(paymentStatus string) string {
	if paymentStatus == antom.PaymentSuccess {
		return "paid before our cancel was sent again"
	}
	return "over at Antom before our cancel was sent again"
}

// checkOpen asks Antom about a PROCESSING attempt (inquiryPayment) and
// settles it when the answer is final. Past its closing time (closableAt)
// and still unknown, the payment is cancelled so that it cannot complete
// later; the next check never comes later than that time.
func (s *Service) checkOpen(ctx context.Context, a db.Attempt, why string) {
	s.leased(ctx, attemptWork(a.ID), func(ctx context.Context) { s.checkOpenLeased(ctx, a, why) })
}

func (s *Service) checkOpenLeased(ctx context.Context, a db.Attempt, why string) {
	ctx = withSubject(ctx, s.subjectOf(ctx, a))
	resp, err := s.antom.InquiryPayment(ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	closable := closableAt(a)
	expired := s.now().After(closable)
	switch {
	case err == nil && s.applyInquiry(ctx, a, resp, why):
		return
	case antom.IsFailed(err) && failureCode(err) == antom.CodeOrderNotExist && expired:
		s.settleNow(ctx, a, payOutcome{status: db.AttemptFail, code: antom.CodeOrderNotExist, ours: true},
			why+": Antom has no such payment and its time is over")
		return
	}
	if expired {
		s.cancelAttempt(ctx, a, CancelByExpiry, why+": still unknown after its expiry")
		return
	}
	pause := s.checkPause(a)
	if left := closable.Sub(s.now()); left > 0 && pause > left {
		pause = left + time.Second
	}
	s.scheduleCheck(ctx, a, pause)
}

// closableAt is when an attempt still unknown may be closed (cancelled,
// or failed when Antom has no such payment): a grace after its expiry —
// or, for a new card on the hosted page whose page never reached the
// buyer (the pay call's outcome stayed unknown, or the app stopped before
// sending it), a grace after it was made: without the page no card can be
// charged on it, so there is nothing to wait ~14 minutes for.
func closableAt(a db.Attempt) time.Time {
	if a.CardPageNeverShown() {
		return a.CreatedAt.Add(cancelGrace)
	}
	return a.ExpiresAt.Add(cancelGrace)
}

// watchClosed asks Antom about an attempt we closed ourselves, for up to
// lateWatch after it started: SUCCESS is a late success, FAIL or
// CANCELLED confirm the close, a payment still open at Antom is
// cancelled (paymentInquiryRules).
func (s *Service) watchClosed(ctx context.Context, a db.Attempt, why string) {
	s.leased(ctx, attemptWork(a.ID), func(ctx context.Context) { s.watchClosedLeased(ctx, a, why) })
}

func (s *Service) watchClosedLeased(ctx context.Context, a db.Attempt, why string) {
	subject := s.subjectOf(ctx, a)
	if s.now().After(a.CreatedAt.Add(lateWatch)) {
		ended, err := s.db.EndWatch(ctx, a.ID, s.now())
		if err != nil {
			s.log.Error("end watch", "attempt", a.ID, "err", err)
		}
		if ended { // our close is final now: counted once
			s.obs.PaymentSettled(a.Method, a.Status)
			s.record(ctx, nil, subject, outcomeKind(ctx), "no late outcome of "+a.PaymentRequestID+" within a day: no longer asking Antom")
			// An order no new payment may start can no longer be paid now
			// (Result.EarlierMayPay): its page, listening, says so.
			s.hub.Publish(subject)
		}
		return
	}
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	if err == nil && s.applyInquiry(ctx, a, resp, why+": watching an attempt we closed") {
		return
	}
	s.scheduleCheck(ctx, a, min(firstWatch<<min(a.Checks, 8), maxWatchPause))
}

// checkPause is the growing pause before an open attempt is asked again
// (inquiryBackoff).
func (s *Service) checkPause(a db.Attempt) time.Duration {
	return s.pause(inquiryBackoff, a.Checks+1)
}

// scheduleCheck sets when to ask about an attempt again; 0 stops asking.
func (s *Service) scheduleCheck(ctx context.Context, a db.Attempt, pause time.Duration) {
	now := s.now()
	next := time.Time{}
	if pause > 0 {
		next = now.Add(pause)
	}
	if err := s.db.ScheduleCheck(ctx, a.ID, next, now); err != nil {
		s.log.Error("schedule check", "attempt", a.ID, "err", err)
	}
}

// applyInquiry applies inquiryPayment's paymentStatus by
// paymentInquiryRules; it reports false when nothing was decided (the
// payment is still open, or its amount is not ours: left for staff).
// An answer that would settle the attempt but names another paymentId
// than the one on record settles nothing and is told, once per other
// paymentId (otherPaymentIDLine, tellOtherPaymentID): false.
// A SUCCESS that gives an authorization's authExpiryTime records it
// afterwards if the attempt's expiry is still not known
// (learnAuthExpiryFromInquiry): the attempt was SUCCESS already (a cancel
// of ours in doubt), or it was settled meanwhile by an answer without it
// and this one's settlement found it settled.
func (s *Service) applyInquiry(ctx context.Context, a db.Attempt, r *antom.InquiryPaymentResponse, why string) bool {
	if r.PaymentStatus == antom.PaymentSuccess && !sameAmount(r.PaymentAmount, a.Currency, a.Amount) {
		s.record(ctx, nil, s.subjectOf(ctx, a), outcomeKind(ctx), "inquiry says SUCCESS for another amount; left for staff")
		return false
	}
	defer s.learnAuthExpiryFromInquiry(ctx, a, r)
	if r.PaymentStatus == antom.PaymentProcessing && !a.ReturnedAt.IsZero() {
		// The buyer came back, yet the payment is still open: they left
		// the card page without paying (ResultCardPage again).
		if _, err := s.db.ClearReturned(ctx, a.ID, s.now()); err != nil {
			s.log.Error("clear returned", "attempt", a.ID, "err", err)
		}
	}
	rule := paymentInquiryRules.lookup(inquiryState(a), r.PaymentStatus)
	why += ": inquiryPayment says " + r.PaymentStatus + reasonSuffix(rule.reason)
	switch {
	case rule.cancel:
		s.cancelAttempt(ctx, a, CancelByClosed, why)
		return true
	case rule.to == "":
		if rule.verdict == VerdictQuarantined {
			s.record(ctx, nil, s.subjectOf(ctx, a), outcomeKind(ctx), why+"; left for staff")
		}
		return false
	case rule.to == stateCancelledPaid:
		return s.paidCancelNow(ctx, a, why)
	}
	if line := otherPaymentIDLine(a, r.PaymentID, why+","); line != "" {
		// One paymentRequestId, two paymentIds: settled by neither, told
		// once per other paymentId; asked again after the usual pause.
		subject := s.subjectOf(ctx, a)
		if s.tellOtherPaymentID(ctx, nil, a.ID, subject, outcomeKind(ctx), line, r.PaymentID) {
			s.hub.Publish(subject)
		}
		return false
	}
	code := r.PaymentResultCode
	switch rule.to {
	case db.AttemptSuccess:
		code = antom.CodeSuccess
	case db.AttemptCancelled:
		code = antom.CodeOrderIsCanceled
	}
	out := outcomeOf(rule.to, code, r.PaymentID, "")
	if rule.to == db.AttemptSuccess {
		out.paidAt = parseAntomTime(r.PaymentTime)
	}
	out.card = factsOf(r.CardInfo, r.PaymentResultInfo, r.AuthExpiryTime)
	s.settleNow(ctx, a, out, why)
	return true
}

// reasonSuffix is " (reason)", or "" without one.
func reasonSuffix(reason string) string {
	if reason == "" {
		return ""
	}
	return " (" + reason + ")"
}

// CheckNow is the buyer's "I have paid — check again": an inquiry at once,
// at most once every few seconds per attempt. It returns once the
// attempt has been asked about, or ErrStillAsking when no answer has
// come within Options.ActionWait. checks is the open attempt's
// PaymentView.Checks from before this check (0 when nothing was open):
// once it has grown past that, an inquiry since has ended — Antom
// answered, or did not answer in time — and the payment is no longer
// being asked about for this check. When the check ends, the order's
// pages are told (its hub subject), whatever it found: the result page
// stops saying that Antom is still being asked.
func (s *Service) CheckNow(ctx context.Context, v Viewer, ref string) (checks int, err error) {
	o, err := s.OrderFor(ctx, v, ref)
	if err != nil {
		return 0, err
	}
	row, err := s.db.OrderByRef(ctx, o.Ref)
	if err != nil {
		return 0, err
	}
	a, err := s.db.OpenAttempt(ctx, row.ID)
	if errors.Is(err, db.ErrNotFound) {
		return 0, nil // already settled: the page shows it
	}
	if err != nil {
		return 0, err
	}
	now := s.now()
	ok, err := s.db.ClaimManualCheck(ctx, a.ID, now.Add(-manualCheckEvery), now)
	if err != nil {
		return a.Checks, err
	}
	if !ok {
		return a.Checks, ErrTooSoon
	}
	return a.Checks, s.askForBuyer(ctx, row.Ref, a.ID, "buyer asked to check")
}

// askForBuyer asks Antom about attempt id of order ref, if it is still
// open, for a buyer waiting on it: at most Options.ActionWait
// (inActionWait; ErrStillAsking past it). The inquiry outlives the
// request: an answer that comes after the buyer stopped waiting is still
// applied, and the result page's long-poll shows it. Another worker
// asking Antom right now is waited for (leasedWait), then the attempt,
// if still open, is asked about again.
func (s *Service) askForBuyer(ctx context.Context, ref string, id int64, why string) error {
	return s.inActionWait(withActor(ctx, EventBuyer), func(ctx context.Context) bool {
		defer s.hub.Publish(OrderSubject(ref))
		return s.leasedWait(ctx, attemptWork(id), s.checkIf(id, why, func(a db.Attempt) bool {
			return a.Status == db.AttemptProcessing
		}))
	})
}

// checkAttempts is the reconciler's payment pass.
func (s *Service) checkAttempts(ctx context.Context) error {
	due, err := s.db.AttemptsToCheck(ctx, s.now())
	if err != nil {
		return err
	}
	for _, a := range due {
		s.checkLeased(ctx, a.ID, "reconciler", true)
	}
	return nil
}
