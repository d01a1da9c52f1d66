package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// captureResultRules is notifyCapture CAPTURE_RESULT (API.md §6.4) for a
// capture staff made: only S settles success and only F failure. U
// (CAPTURE_IN_PROCESS) leaves the capture PROCESSING for the reconciler's
// inquiryPayment; news that contradicts a final capture is held for staff.
var captureResultRules = table{field: "resultStatus", cells: map[cell]rule{
	{db.CaptureProcessing, "S"}: {to: db.CaptureSuccess, verdict: VerdictApplied},
	{db.CaptureProcessing, "F"}: {to: db.CaptureFail, verdict: VerdictApplied},
	{db.CaptureProcessing, "U"}: {verdict: VerdictQuarantined,
		reason: "resultStatus U (e.g. CAPTURE_IN_PROCESS) is not a result: the capture stays PROCESSING and the reconciler's inquiryPayment decides"},

	{db.CaptureSuccess, "S"}: {verdict: VerdictDuplicate},
	{db.CaptureSuccess, "F"}: {verdict: VerdictQuarantined, reason: "Antom said the capture succeeded and says F now"},
	{db.CaptureFail, "F"}:    {verdict: VerdictDuplicate},
	{db.CaptureFail, "S"}:    {verdict: VerdictQuarantined, reason: "Antom said the capture failed and says S now: money may have been captured"},
}}

// autoCaptureRules is CAPTURE_RESULT for the capture Antom makes by
// itself of a card payment in AUTOMATIC mode (the hosted-card flow,
// API.md §6.4), by the state of the payment's attempt. It never changes
// the attempt — the payment's own result settles it — except that a
// capture of a payment whose cancel Antom confirmed shows it was paid
// first (stateCancelledPaid).
var autoCaptureRules = table{field: "resultStatus", cells: map[cell]rule{
	{stateSuccess, "S"}: {verdict: VerdictApplied, reason: "automatic capture, as expected in AUTOMATIC mode"},
	{stateSuccess, "F"}: {verdict: VerdictQuarantined, reason: "the automatic capture failed: the money of a paid order was not taken"},
	{stateProcessing, "S"}: {verdict: VerdictApplied, ask: true,
		reason: "automatic capture before the payment's own result: asking inquiryPayment"},
	{stateFailOurs, "S"}: {verdict: VerdictApplied, ask: true,
		reason: "automatic capture of a payment we had closed ourselves: asking inquiryPayment (a late success)"},
	{stateCancelledOurs, "S"}: {verdict: VerdictApplied, ask: true,
		reason: "automatic capture of a payment we had closed ourselves: asking inquiryPayment (a late success)"},
	{stateFail, "S"}: {verdict: VerdictQuarantined, reason: "Antom captured a payment it said had failed"},
	// A payment Antom captured was paid: if it confirmed our cancel before
	// (its SUCCESS may not have come yet), the cancel gave the money back
	// (paidBeforeCancelIn); if after, the attempt is that already.
	{stateCancelled, "S"}:     {to: stateCancelledPaid, verdict: VerdictApplied, reason: paidBeforeCancel},
	{stateCancelledPaid, "S"}: {verdict: VerdictApplied, reason: "automatic capture of a payment our cancel gave back afterwards: nothing more to do"},
}}

// applyCaptureResult applies notifyCapture: to a capture of ours by
// captureResultRules, to Antom's automatic capture of a payment by
// autoCaptureRules. A captured amount that is not ours is quarantined.
func (s *Service) applyCaptureResult(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Capture()
	if err != nil || (n.CaptureRequestID == "" && n.PaymentID == "") {
		return outcome{verdict: VerdictQuarantined, detail: "CAPTURE_RESULT without captureRequestId or paymentId"}, nil
	}
	c, err := q.CaptureByRequestID(ctx, n.CaptureRequestID)
	if errors.Is(err, db.ErrNotFound) {
		return s.applyAutoCapture(ctx, q, n)
	}
	if err != nil {
		return outcome{}, err
	}
	o, err := q.OrderByID(ctx, c.OrderID)
	if err != nil {
		return outcome{}, err
	}
	subject := OrderSubject(o.Ref)
	if problem := captureAmountMismatch(n.CaptureAmount, Money{c.Currency, c.Amount}, "the capture's"); problem != "" {
		return outcome{verdict: VerdictQuarantined, subject: subject, detail: problem}, nil
	}
	r := captureResultRules.lookup(c.Status, n.Result.ResultStatus)
	out := outcome{verdict: r.verdict, detail: r.reason, subject: subject}
	if r.to == "" {
		return out, nil
	}
	settled, err := s.settleCapture(ctx, q, c, r.to, n.Result.ResultCode, n.Result.ResultMessage, n.CaptureID, "notifyCapture")
	if err != nil {
		return outcome{}, err
	}
	if !settled {
		return outcome{verdict: VerdictDuplicate, subject: subject, detail: "the capture changed meanwhile"}, nil
	}
	publish := s.publishAtCommit(q, subject)
	out.after = func(context.Context) { publish() }
	return out, nil
}

// applyAutoCapture applies a CAPTURE_RESULT that names no capture of
// ours: Antom's own capture of an AUTOMATIC card payment, found by
// paymentId. notifyCapture carries no paymentRequestId (API.md §6.4), and
// the paymentId comes with pay's answer: a notification that overtakes
// that answer finds no attempt. While a card attempt in AUTOMATIC mode
// still waits for its paymentId it is VerdictDeferred — not acknowledged,
// and re-applied once a payment has that paymentId (reapplyDeferred) —
// rather than stale and forgotten. Only the attempts waiting when it
// first came can be its payment (an attempt is stored before its pay
// goes out, and Antom captures after pay): once none of them waits any
// more, it, its resends and its replays are stale, as a PAYMENT_RESULT
// for a paymentRequestId we do not know is — acknowledged, kept in the
// inbox — and the reconciler settles the deferred rows so
// (reapplyDeferred). An automatic capture applied is
// recorded by its captureId (db.InsertAutomaticCapture): told again (a
// replay, Antom's resend, a re-application) it is a duplicate and puts
// no second line on the order's timeline.
func (s *Service) applyAutoCapture(ctx context.Context, q *db.Queries, n antom.NotifyCapture) (outcome, error) {
	a, err := q.AttemptByPaymentID(ctx, n.PaymentID)
	var bound int64
	if errors.Is(err, db.ErrNotFound) {
		var waiting db.Attempt
		if a, waiting, bound, err = awaitedAttempt(ctx, q, n.PaymentID); waiting.ID != 0 {
			return outcome{verdict: VerdictDeferred, awaits: n.PaymentID, awaitsAttempt: waiting.ID,
				detail: "not yet: no payment of ours has paymentId " + n.PaymentID + " yet, while " + waiting.PaymentRequestID +
					" (card, AUTOMATIC capture) waits for the paymentId pay's answer brings; not acknowledged, and applied here once a payment of ours has that paymentId" +
					" — or, once none of the payments waiting for theirs when it came can have it, settled here as a capture of a payment we do not know"}, nil
		}
	}
	if errors.Is(err, db.ErrNotFound) && bound != 0 {
		return outcome{verdict: VerdictStale, detail: "no payment of ours has paymentId " + n.PaymentID +
			", and none of those that waited for theirs when this capture first came can have it any more: a capture of a payment we do not know"}, nil
	}
	if errors.Is(err, db.ErrNotFound) {
		return outcome{verdict: VerdictStale, detail: "no capture of ours with this captureRequestId, and no automatic capture"}, nil
	}
	if err != nil {
		return outcome{}, err
	}
	o, err := q.OrderByID(ctx, a.OrderID)
	if err != nil {
		return outcome{}, err
	}
	subject := OrderSubject(o.Ref)
	// A MANUAL authorization's capture that is not ours was made outside
	// this app; any other payment's capture is Antom's automatic one, as
	// before captures made outside were recorded (a wallet payment's,
	// should Antom tell one, is not an alarm).
	if a.Method == db.MethodCard && a.CaptureMode == antom.CaptureManual {
		return s.applyOutsideCapture(ctx, q, a, o, n)
	}
	if problem := captureAmountMismatch(n.CaptureAmount, Money{a.Currency, a.Amount}, "the payment's"); problem != "" {
		return outcome{verdict: VerdictQuarantined, subject: subject, detail: a.PaymentRequestID + ": automatic " + problem}, nil
	}
	return s.applyAutoCaptureRule(ctx, q, a, o, n)
}

// applyAutoCaptureRule applies Antom's automatic capture n of attempt a,
// as read in q's transaction, of order o, by autoCaptureRules. A capture
// that finds the attempt CANCELLED at Antom marks it paid before the
// cancel (applyPaidBeforeCancel) with a write that checks the attempt is
// still so: if it was not — it changed since it was read — nothing was
// applied, and the capture says so ("the attempt changed meanwhile"),
// never "applied" with the reason of a change not made.
func (s *Service) applyAutoCaptureRule(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, n antom.NotifyCapture) (outcome, error) {
	subject := OrderSubject(o.Ref)
	r := autoCaptureRules.lookup(attemptState(a), n.Result.ResultStatus)
	if r.verdict == VerdictApplied {
		key := automaticCaptureKey(n)
		fresh, err := q.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: key, AttemptID: a.ID,
			Currency: a.Currency, Amount: a.Amount, CreatedAt: s.now()})
		if err != nil {
			return outcome{}, err
		}
		if r.to == stateCancelledPaid {
			paid := payOutcome{paymentID: n.PaymentID, paidAt: parseAntomTime(n.CaptureTime)}
			out, err := s.applyPaidBeforeCancel(ctx, q, a, o, r, paid, "notifyCapture")
			if err != nil || out.verdict == VerdictApplied {
				return out, err
			}
			if fresh {
				out.detail = a.PaymentRequestID + ": automatic capture " + key + " recorded, not applied: " + out.detail
				return out, nil
			}
		}
		if !fresh {
			return outcome{verdict: VerdictDuplicate, subject: subject, quiet: true,
				detail: a.PaymentRequestID + ": automatic capture " + key + " applied already"}, nil
		}
	}
	if r.ask || r.verdict == VerdictQuarantined {
		if err := q.CheckSoon(ctx, a.ID, s.now(), s.now()); err != nil {
			return outcome{}, err
		}
	}
	return outcome{verdict: r.verdict, detail: a.PaymentRequestID + ": " + r.reason, subject: subject}, nil
}

// captureAmountMismatch says why a CAPTURE_RESULT's captureAmount (API.md
// §6.4) cannot be applied to a capture of want (whose: "the capture's",
// the amount we asked; "the payment's", for Antom's automatic capture of
// it in full): it has none — so it cannot be checked, and is not applied
// unchecked — or another currency or value. "" when it matches. Either
// way nothing is applied: a capture of ours stays PROCESSING for the
// reconciler's inquiryPayment.
func captureAmountMismatch(got antom.Amount, want Money, whose string) string {
	if got == (antom.Amount{}) {
		return "CAPTURE_RESULT without captureAmount: not applied unchecked (" + whose + " is " + want.String() + ")"
	}
	if !sameAmount(got, want.Currency, want.Minor) {
		return fmt.Sprintf("captureAmount %s %s does not match %s %s: not applied", got.Value, got.Currency, whose, want)
	}
	return ""
}

// automaticCaptureKey names an automatic capture: Antom's captureId, or
// (should one come without it) the payment's only capture in AUTOMATIC
// mode, by paymentId.
func automaticCaptureKey(n antom.NotifyCapture) string {
	if n.CaptureID != "" {
		return n.CaptureID
	}
	return "paymentId:" + n.PaymentID
}

// awaitedAttempt is the attempt with paymentId once no attempt had it.
// A copy of the notification that came before (Antom's resend, a
// replay) was deferred waiting for the attempts up to bound
// (db.DeferralBound; 0 if none was: any attempt now). If a card attempt
// in AUTOMATIC mode among those is still waiting for its paymentId (pay's
// answer not applied yet, or lost: the reconciler's inquiry will bring
// it), waiting is the newest such. Otherwise it reads the attempt by
// paymentId again — pay's answer may have committed between the two
// reads (PostgreSQL reads each statement afresh) — or returns
// db.ErrNotFound.
func awaitedAttempt(ctx context.Context, q *db.Queries, paymentID string) (a, waiting db.Attempt, bound int64, err error) {
	if bound, err = q.DeferralBound(ctx, paymentID); err != nil {
		return db.Attempt{}, db.Attempt{}, 0, err
	}
	w, err := q.AwaitingPaymentID(ctx, antom.CaptureAutomatic, bound)
	switch {
	case err == nil:
		return db.Attempt{}, w, bound, nil
	case !errors.Is(err, db.ErrNotFound):
		return db.Attempt{}, db.Attempt{}, bound, err
	}
	a, err = q.AttemptByPaymentID(ctx, paymentID)
	return a, db.Attempt{}, bound, err
}
