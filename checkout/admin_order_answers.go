package checkout

import (
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// FilterPaymentIDConflict lists orders with a payment Antom has not
// settled whose answers name another paymentId than the one on record
// (payment_id_conflict.go): held for staff, never cancelled by the app.
const FilterPaymentIDConflict = "paymentid-conflict"

// FilterAutoCaptureFailed lists orders with a card payment Antom
// captured automatically and then said failed (capturedBeforeFailIn):
// money may have been taken of a failed payment.
const FilterAutoCaptureFailed = "auto-capture-failed"

// PaymentIDConflict is a payment of an order, not settled by Antom,
// whose answers from Antom name another paymentId than the one on
// record, as the order's page tells staff.
type PaymentIDConflict struct {
	PaymentRequestID string
	OnRecord         string   // the paymentId on record, by which refunds and captures go
	Others           []string // the other paymentIds Antom named, in the order told
	// Status is the payment's status here: PROCESSING, or the one we
	// closed it with (ClosedByUs).
	Status     string
	ClosedByUs bool
}

// AutoCaptureFailed is an automatic capture Antom applied (its
// CAPTURE_RESULT S) of a card payment it settled FAIL since: money
// Antom says it took of a payment it says failed.
type AutoCaptureFailed struct {
	PaymentRequestID, PaymentID, CaptureID string
	Amount                                 Money
	CapturedAt                             time.Time // when its CAPTURE_RESULT was applied
}

// paymentIDConflicts is, of attempts, those Antom has not settled whose
// answers conflict on paymentId, as the order's timeline (events) tells
// them (conflictingPaymentIDs).
func paymentIDConflicts(attempts []db.Attempt, events []db.Event) []PaymentIDConflict {
	details := make([]string, len(events))
	for i, e := range events {
		details[i] = e.Detail
	}
	var out []PaymentIDConflict
	for _, a := range attempts {
		if others := conflictingPaymentIDs(a, details); len(others) > 0 {
			out = append(out, PaymentIDConflict{PaymentRequestID: a.PaymentRequestID, OnRecord: a.PaymentID, Others: others,
				Status: a.Status, ClosedByUs: a.FinalSource == db.SourceOurs})
		}
	}
	return out
}

// failedAutomatic reports whether a is a card payment in AUTOMATIC mode
// that Antom settled FAIL: the only kind an automatic capture applied
// before contradicts (capturedBeforeFailIn), whose captures the order's
// page reads.
func failedAutomatic(a db.Attempt) bool {
	return a.Method == db.MethodCard && a.CaptureMode == antom.CaptureAutomatic && a.Status == db.AttemptFail && a.FinalSource == db.SourceAntom
}

// autoCapturesFailed is, of attempts, the automatic captures applied of
// those Antom settled FAIL (failedAutomatic), from captures (read by
// attempt id), in attempt order.
func autoCapturesFailed(attempts []db.Attempt, captures map[int64][]db.AutomaticCapture) []AutoCaptureFailed {
	var out []AutoCaptureFailed
	for _, a := range attempts {
		if !failedAutomatic(a) {
			continue
		}
		for _, c := range captures[a.ID] {
			out = append(out, AutoCaptureFailed{PaymentRequestID: a.PaymentRequestID, PaymentID: a.PaymentID, CaptureID: c.CaptureID,
				Amount: Money{c.Currency, c.Amount}, CapturedAt: c.CreatedAt})
		}
	}
	return out
}
