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
// paymentId is quarantined naming both (attemptForNotice).
func otherPaymentIDLine(a db.Attempt, paymentID, why string) string {
	if paymentID == "" || a.PaymentID == "" || paymentID == a.PaymentID {
		return ""
	}
	return a.PaymentRequestID + ": " + why + " naming paymentId " + paymentID + ", not " + a.PaymentID +
		", the one on record: not applied, " + a.PaymentID + " kept; ask Antom (inquiryPayment) which is the payment's"
}

// keepPaymentID stores paymentID, named by an answer to our own call
// (why) that settles nothing, on attempt a if it has none yet; if it has
// another, it says so on the order's timeline (otherPaymentIDLine) and
// keeps the one on record. It reports whether a now has paymentID. A
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
	s.record(ctx, nil, subject, EventState, line)
	s.hub.Publish(subject)
	return false
}
