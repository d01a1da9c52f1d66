package checkout

import (
	"context"
	"slices"
	"strings"

	"antom-checkout/db"
)

// A paymentId conflict: Antom answered about one of our payments
// (paymentRequestId) naming another paymentId than the one on record —
// an answer to our own call (otherPaymentIDLine) or a PAYMENT_RESULT,
// quarantined (attemptForNotice). One paymentRequestId is one payment at
// Antom, so one of the two words is wrong and we do not know which
// payment Antom is talking about. While Antom has not settled the
// payment (still processing, or closed by us), nothing is done with
// money on it automatically (heldForConflict; paidIn for a payment
// still open when another paid the order): no cancel at its expiry, none
// when another payment paid the order; staff decide, told by the
// order page (AdminOrder.PaymentIDConflicts) and the dashboard
// (Dashboard.PaymentIDConflicts). What records the conflict is the
// order's timeline: the lines that said it, found by the words around
// the paymentId on record (paymentIDOnRecord).

// paymentIDOnRecord is the words either side of the paymentId on record
// in the timeline lines that tell a conflict: otherPaymentIDLine's
// ("naming paymentId B, not A, the one on record") and a quarantined
// PAYMENT_RESULT's ("paymentId B differs from the one on record (A)").
// Before each, the line names the other paymentId after "paymentId ".
var paymentIDOnRecord = []db.Around{
	{Before: ", not ", After: ", the one on record"},
	{Before: " differs from the one on record (", After: ")"},
}

// namedAgainst is the words of otherPaymentIDLine that name the
// conflict of paymentId other with onRecord: said once per other
// (tellOtherPaymentID).
func namedAgainst(other, onRecord string) string {
	return "naming paymentId " + other + paymentIDOnRecord[0].Before + onRecord + paymentIDOnRecord[0].After
}

// onRecordParts is what a line telling a conflict with paymentId
// onRecord contains (paymentIDOnRecord).
func onRecordParts(onRecord string) []string {
	parts := make([]string, len(paymentIDOnRecord))
	for i, w := range paymentIDOnRecord {
		parts[i] = w.Before + onRecord + w.After
	}
	return parts
}

// unsettledByAntom reports whether Antom has not settled attempt a: it
// is still processing, or we closed it ourselves. Only such a payment is
// held for a paymentId conflict: one Antom settled stands with the
// paymentId it was settled with.
func unsettledByAntom(a db.Attempt) bool {
	return a.Status == db.AttemptProcessing || a.FinalSource == db.SourceOurs
}

// conflictingPaymentIDs returns the other paymentIds the lines of
// details name against a's paymentId on record (paymentIDOnRecord), each
// once, in the order first told; nil when a is settled by Antom, has no
// paymentId, or no line tells a conflict.
func conflictingPaymentIDs(a db.Attempt, details []string) []string {
	if a.PaymentID == "" || !unsettledByAntom(a) {
		return nil
	}
	var out []string
	for _, d := range details {
		for _, part := range onRecordParts(a.PaymentID) {
			at := strings.Index(d, part)
			if at < 0 {
				continue
			}
			before := d[:at]
			k := strings.LastIndex(before, "paymentId ")
			if k < 0 {
				continue
			}
			if other := strings.TrimSpace(before[k+len("paymentId "):]); other != "" && !slices.Contains(out, other) {
				out = append(out, other)
			}
		}
	}
	return out
}

// tellOtherPaymentID says line (otherPaymentIDLine: an answer naming
// paymentId other for attempt a, which has onRecord) on subject's
// timeline through q (nil: on its own), unless the timeline says that
// conflict already: an answer naming the same other paymentId again —
// every inquiry while the reconciler keeps asking — adds no line. It
// reports whether the line was said now.
func (s *Service) tellOtherPaymentID(ctx context.Context, q *db.Queries, subject, kind, line, other, onRecord string) bool {
	if q == nil {
		q = s.db.Queries
	}
	told, err := q.EventsContaining(ctx, subject, namedAgainst(other, onRecord))
	if err != nil {
		s.log.Error("read timeline", "subject", subject, "err", err)
	}
	if told > 0 {
		return false
	}
	s.record(ctx, q, subject, kind, line)
	return true
}

// conflictIn reports whether Antom's answers about attempt a conflict on
// paymentId while Antom has not settled it, as the timeline of subject
// (a's order) says, read through q.
func (s *Service) conflictIn(ctx context.Context, q *db.Queries, subject string, a db.Attempt) (bool, error) {
	if a.PaymentID == "" || !unsettledByAntom(a) {
		return false, nil
	}
	n, err := q.EventsContaining(ctx, subject, onRecordParts(a.PaymentID)...)
	return n > 0, err
}

// heldForConflict reports whether a cancel of attempt a (why) is not to
// be sent because Antom's answers about it conflict on paymentId while
// Antom has not settled it: a cancel the app would decide by itself —
// at its expiry, when another payment paid the order, when we closed it
// and Antom still holds it open. A cancel a person asked for still goes:
// the buyer's "pay another way" (a.AbandonedAt), staff's void. Held, the
// order's timeline says so once, and the attempt is asked about again
// (as a payment we closed is watched: growing pauses, for lateWatch after
// it started), so that Antom's own settlement still applies. Staff see it
// on the order page and the dashboard. A conflict that cannot be read is
// held too: nothing is done with money on a payment in doubt.
func (s *Service) heldForConflict(ctx context.Context, a db.Attempt, why string) bool {
	if a.PaymentID == "" || !unsettledByAntom(a) || !a.AbandonedAt.IsZero() || actorOf(ctx) == EventStaff {
		return false
	}
	subject := s.subjectOf(ctx, a)
	held, err := s.conflictIn(ctx, s.db.Queries, subject, a)
	if err != nil {
		s.log.Error("read timeline", "attempt", a.ID, "err", err)
		return true
	}
	if !held {
		return false
	}
	head := a.PaymentRequestID + ": not cancelled automatically"
	if told, err := s.db.EventsContaining(ctx, subject, head); err == nil && told == 0 {
		s.record(ctx, nil, subject, outcomeKind(ctx), head+" ("+why+"): Antom's answers name another paymentId than "+a.PaymentID+
			", the one on record, so we do not know which payment a cancel would end; left for staff — look the payment up in Antom Dashboard"+
			" and cancel or keep it there. The app keeps asking Antom and applies what it settles")
		s.hub.Publish(subject)
	}
	pause := min(firstWatch<<min(a.Checks, 8), maxWatchPause)
	if s.now().After(a.CreatedAt.Add(lateWatch)) {
		pause = 0 // a day on: staff have it; Antom's notification still applies
	}
	s.scheduleCheck(ctx, a, pause)
	return true
}
