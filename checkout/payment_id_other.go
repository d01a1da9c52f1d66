package checkout

import (
	"context"

	"antom-checkout/db"
)

// otherPaymentIDLine is the timeline line for an answer of Antom's to
// our own call (why: "pay answered S", an inquiry …) that names
// paymentID for attempt a — as read in the caller's transaction — while a
// has another paymentId on record (a notification, or an answer before
// it, settled or named the payment so); "" when the answer names none,
// the same, or a has none yet. One paymentRequestId is one payment at
// Antom, so one of the two words is wrong: the answer changes nothing —
// no money, not the paymentId kept, by which refunds and captures go —
// and staff are told both ids, as a PAYMENT_RESULT naming another
// paymentId is quarantined naming both (attemptForNotice). An attempt
// not settled by Antom stays as it is — still processing (its paymentId
// came with an earlier answer, U), or as we closed it — and the line
// says so: the contradiction leaves its outcome unknown, and the
// reconciler's inquiryPayment (by paymentRequestId) keeps asking
// (db.SettleAttempt refuses to write another paymentId over one on
// record), but cancels nothing by itself: staff decide
// (payment_id_conflict.go). The line is said once per other paymentId
// (tellOtherPaymentID).
func otherPaymentIDLine(a db.Attempt, paymentID, why string) string {
	if paymentID == "" || a.PaymentID == "" || paymentID == a.PaymentID {
		return ""
	}
	line := a.PaymentRequestID + ": " + why + " " + namedAgainst(paymentID, a.PaymentID) +
		": not applied, " + a.PaymentID + " kept; ask Antom (inquiryPayment) which is the payment's"
	switch {
	case a.Status == db.AttemptProcessing:
		line += "; the payment stays processing, and the reconciler keeps asking Antom but cancels nothing: staff decide"
	case a.FinalSource == db.SourceOurs:
		line += "; the payment stays " + a.Status + " as we closed it, and the reconciler keeps asking Antom but cancels nothing: staff decide"
	}
	return line
}

// keepPaymentID stores paymentID, named by an answer to our own call
// (why) that settles nothing, on attempt a if it has none yet; if it has
// another, it says so on the order's timeline (otherPaymentIDLine) and
// keeps the one on record (once per other paymentId:
// tellOtherPaymentID). It reports whether a now has paymentID. A
// paymentId once stored never changes, so the read after the write
// needs no transaction with it.
func (s *Service) keepPaymentID(ctx context.Context, a db.Attempt, paymentID, why string) bool {
	if err := s.db.SetAttemptPaymentID(ctx, a.ID, paymentID, s.now()); err != nil {
		s.log.Error("store paymentId", "attempt", a.ID, "err", err)
		return false
	}
	fresh, err := s.db.AttemptByID(ctx, a.ID)
	if err != nil {
		s.log.Error("read attempt", "attempt", a.ID, "err", err)
		return false
	}
	line := otherPaymentIDLine(fresh, paymentID, why)
	if line == "" {
		return true
	}
	s.log.Warn("an answer names another paymentId than the one on record", "attempt", a.ID)
	subject := s.subjectOf(ctx, a)
	if s.tellOtherPaymentID(ctx, nil, a.ID, subject, EventState, line, paymentID) {
		s.hub.Publish(subject)
	}
	return false
}
