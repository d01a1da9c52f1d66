package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// The alarms on a payment that staff deal with in Antom Dashboard and
// then mark resolved here (ResolveAlarm): a paymentId conflict
// (payment_id_conflict.go) and an automatic capture of a payment Antom
// said failed since (capturedBeforeFailIn). Their names are the orders
// filters' (FilterPaymentIDConflict, FilterAutoCaptureFailed).
var alarmWords = map[string]string{
	db.AlarmPaymentIDConflict: "paymentId conflict",
	db.AlarmAutoCaptureFailed: "automatic capture of a failed payment",
}

// AlarmInfo is an alarm on one payment of an order that staff may mark
// resolved, as the confirmation shows it.
type AlarmInfo struct {
	Alarm, PaymentRequestID string
	// Words name the alarm ("paymentId conflict").
	Words string
	// Named names it on its payment, for a sentence (alarmNamed: "the
	// paymentId conflict of payment PR-…").
	Named string
}

// alarmNamed names alarm on payment requestID for the middle of a
// sentence, without the article: "paymentId conflict of payment PR-…",
// or "automatic capture of payment PR-…, which Antom then said failed,"
// (its trailing comma closing the aside; the sentence goes on).
func alarmNamed(alarm, requestID string) string {
	if alarm == db.AlarmAutoCaptureFailed {
		return "automatic capture of payment " + requestID + ", which Antom then said failed,"
	}
	return alarmWords[alarm] + " of payment " + requestID
}

// ResolvableAlarm checks, for actor (the staff member asking), that alarm (db.AlarmPaymentIDConflict or
// db.AlarmAutoCaptureFailed) is open on payment requestID of order ref
// and that note — what staff did, required, up to 200 characters on one
// line (checkNote) — is usable, for the confirmation: ErrNotFound if the
// order, the payment (or not the order's) or the alarm's name is
// unknown; a *ConflictError if the payment has no such alarm or it was
// resolved already (naming who and their note) — Repeat, "Nothing to
// confirm", when actor resolved it with this very note (the
// confirmation opened again after its own action was done:
// resolvedRefusal); an *InputError (field "note") for the note.
func (s *Service) ResolvableAlarm(ctx context.Context, actor, ref, requestID, alarm, note string) (AlarmInfo, error) {
	o, a, err := s.alarmPayment(ctx, ref, requestID, alarm)
	if err != nil {
		return AlarmInfo{}, err
	}
	if err := s.alarmOpen(ctx, s.db.Queries, o, a, alarm, resolveAsked{actor, note, true}); err != nil {
		return AlarmInfo{}, err
	}
	if err := checkResolvedNote(note); err != nil {
		return AlarmInfo{}, err
	}
	return AlarmInfo{Alarm: alarm, PaymentRequestID: a.PaymentRequestID, Words: alarmWords[alarm],
		Named: alarmNamed(alarm, a.PaymentRequestID)}, nil
}

// resolveAsked is a Mark resolved form as sent: by whom, its note, and
// whether for its confirmation (check) or confirmed.
type resolveAsked struct {
	actor, note string
	check       bool
}

// ResolveAlarm marks alarm on payment requestID of order ref resolved
// by actor (staff, who dealt with it in Antom Dashboard), saying what
// they did (note), and writes who, when and the note on the order's
// timeline, in one transaction. The order's notice, the dashboard's
// count and the orders filter then leave it out. Nothing is sent to
// Antom and no money moves; a payment in a paymentId conflict is still
// never cancelled by the app on its own (conflictIn): staff decided.
// Errors as ResolvableAlarm, checked again in the transaction; of two
// staff at once, one marks it and the other gets a *ConflictError
// naming who resolved it and their note, and nothing is written twice
// (Repeat when it was actor, with this note: a second tab).
func (s *Service) ResolveAlarm(ctx context.Context, actor, ref, requestID, alarm, note string) error {
	o, a, err := s.alarmPayment(ctx, ref, requestID, alarm)
	if err != nil {
		return err
	}
	if err := checkResolvedNote(note); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		fresh, err := q.AttemptByID(ctx, a.ID)
		if err != nil {
			return err
		}
		if err := s.alarmOpen(ctx, q, o, fresh, alarm, resolveAsked{actor, note, false}); err != nil {
			return err
		}
		changed, err := q.ResolveAlarm(ctx, a.ID, alarm, actor, note, s.now())
		if err != nil {
			return err
		}
		if !changed {
			return s.alarmOpen(ctx, q, o, fresh, alarm, resolveAsked{actor, note, false}) // resolved meanwhile: says by whom
		}
		line := alarmNamed(alarm, a.PaymentRequestID) + " marked resolved: " + note
		if alarm == db.AlarmPaymentIDConflict {
			line += " (the app still cancels nothing of this payment on its own)"
		}
		s.recordBy(ctx, q, OrderSubject(o.Ref), EventStaff, actor, line)
		return nil
	})
	if err == nil {
		s.hub.Publish(OrderSubject(o.Ref))
	}
	return err
}

// checkResolvedNote refuses a note on an alarm resolved as checkNote.
func checkResolvedNote(note string) error {
	return checkNote(note, "Say what was done in Antom Dashboard (for example: cancelled there on 3 May).")
}

// alarmPayment returns order ref and its payment requestID, alarm being
// one of alarmWords; ErrNotFound if any is unknown or the payment is
// another order's.
func (s *Service) alarmPayment(ctx context.Context, ref, requestID, alarm string) (db.Order, db.Attempt, error) {
	if _, ok := alarmWords[alarm]; !ok || requestID == "" {
		return db.Order{}, db.Attempt{}, ErrNotFound
	}
	a, o, err := s.db.AttemptAndOrderByRequestID(ctx, requestID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && o.Ref != ref) {
		return db.Order{}, db.Attempt{}, ErrNotFound
	}
	return o, a, err
}

// alarmOpen checks, through q, that alarm is open on attempt a of order
// o for the form asked: a *ConflictError if a has no such alarm, or
// staff resolved it (resolvedRefusal).
func (s *Service) alarmOpen(ctx context.Context, q *db.Queries, o db.Order, a db.Attempt, alarm string, asked resolveAsked) error {
	resolutions, err := q.AlarmResolutionsOfOrder(ctx, o.ID)
	if err != nil {
		return err
	}
	if r := resolutionOf(resolutions, a.ID, alarm); r != nil {
		return resolvedRefusal(*r, alarmNamed(alarm, a.PaymentRequestID), asked, s.zone())
	}
	open := false
	switch alarm {
	case db.AlarmPaymentIDConflict:
		open, err = s.conflictIn(ctx, q, a)
	case db.AlarmAutoCaptureFailed:
		if failedAutomatic(a) {
			var captures []db.AutomaticCapture
			captures, err = q.AutomaticCaptures(ctx, a.ID)
			open = len(captures) > 0
		}
	}
	if err != nil {
		return err
	}
	if !open {
		return &ConflictError{Message: fmt.Sprintf("Payment %s has no %s to resolve. Nothing was written.", a.PaymentRequestID, alarmWords[alarm])}
	}
	return nil
}

// resolvedRefusal refuses form asked to mark an alarm resolved that r
// says was resolved already; named is the alarm as alarmNamed names it.
// The same staff member with the same note (its confirmation read again
// — Back, Reload — or confirmed again from a second tab) did what they
// asked: a neutral Repeat, their note quoted as saved. Anyone else, or
// another note, is refused naming who resolved it, when, and their note.
func resolvedRefusal(r db.AlarmResolution, named string, asked resolveAsked, zone *time.Location) *ConflictError {
	if r.By == asked.actor && r.Note == strings.TrimSpace(asked.note) {
		if asked.check {
			return &ConflictError{Repeat: true, Message: fmt.Sprintf("Nothing to confirm: you had already marked the %s resolved: “%s”.", named, r.Note)}
		}
		return &ConflictError{Repeat: true, Message: fmt.Sprintf("Marked once: you had already marked the %s resolved: “%s”. Nothing was written again.", named, r.Note)}
	}
	return &ConflictError{Message: fmt.Sprintf("The %s was already marked resolved by %s on %s: “%s”. Nothing was written.",
		named, r.By, lang.StaffTime(r.ResolvedAt, zone), r.Note)}
}
