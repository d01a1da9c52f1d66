package checkout

import (
	"time"

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
// answers conflict on paymentId (conflicts: the order's
// db.PaymentIDConflicts, by attempt in the order told) and whose alarm
// staff have not resolved (resolutions: the order's).
func paymentIDConflicts(attempts []db.Attempt, conflicts []db.PaymentIDConflict, resolutions []db.AlarmResolution) []PaymentIDConflict {
	var out []PaymentIDConflict
	for _, a := range attempts {
		if a.PaymentID == "" || !unsettledByAntom(a) || resolved(resolutions, a.ID, db.AlarmPaymentIDConflict) {
			continue
		}
		var others []string
		for _, c := range conflicts {
			if c.AttemptID == a.ID {
				others = append(others, c.PaymentID)
			}
		}
		if len(others) > 0 {
			out = append(out, PaymentIDConflict{PaymentRequestID: a.PaymentRequestID, OnRecord: a.PaymentID, Others: others,
				Status: a.Status, ClosedByUs: a.FinalSource == db.SourceOurs})
		}
	}
	return out
}

// resolved reports whether resolutions hold staff's "Mark resolved" of
// alarm on attempt id.
func resolved(resolutions []db.AlarmResolution, id int64, alarm string) bool {
	return resolutionOf(resolutions, id, alarm) != nil
}

// resolutionOf is staff's "Mark resolved" of alarm on attempt id of
// resolutions; nil if none.
func resolutionOf(resolutions []db.AlarmResolution, id int64, alarm string) *db.AlarmResolution {
	for i, r := range resolutions {
		if r.AttemptID == id && r.Alarm == alarm {
			return &resolutions[i]
		}
	}
	return nil
}

// failedAutomatic reports whether a is a card payment in AUTOMATIC mode
// that Antom settled FAIL: the only kind an automatic capture applied
// before contradicts (capturedBeforeFailIn), whose captures the order's
// page reads — db.FailedAutomatic, the rule the dashboard's count and
// the orders filter read in SQL.
func failedAutomatic(a db.Attempt) bool { return db.FailedAutomatic(a) }

// autoCapturesFailed is, of attempts, the automatic captures applied of
// those Antom settled FAIL (failedAutomatic), from captures (read by
// attempt id), in attempt order, but for attempts whose alarm staff
// resolved (resolutions: the order's).
func autoCapturesFailed(attempts []db.Attempt, captures map[int64][]db.AutomaticCapture, resolutions []db.AlarmResolution) []AutoCaptureFailed {
	var out []AutoCaptureFailed
	for _, a := range attempts {
		if !failedAutomatic(a) || resolved(resolutions, a.ID, db.AlarmAutoCaptureFailed) {
			continue
		}
		for _, c := range captures[a.ID] {
			out = append(out, AutoCaptureFailed{PaymentRequestID: a.PaymentRequestID, PaymentID: a.PaymentID, CaptureID: c.CaptureID,
				Amount: Money{c.Currency, c.Amount}, CapturedAt: c.CreatedAt})
		}
	}
	return out
}
