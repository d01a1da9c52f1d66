package checkout

import (
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// capturedOtherError is an answer of Antom's that says capture c
// succeeded but names another captured amount (or currency) than the one
// we asked for: staff's own capture answered S, the reconciler's resend
// answered S, or inquiryPayment listing it SUCCESS. It settles nothing,
// as a CAPTURE_RESULT with another captureAmount does not
// (captureAmountMismatch): the capture stays PROCESSING, the order
// AUTHORIZED, and the reconciler keeps asking; nothing is sent that a
// capture of ours is not already (a resend is the same
// captureRequestId, idempotent at Antom). Words names both amounts, for
// the order's timeline.
type capturedOtherError struct{ Words string }

func (e *capturedOtherError) Error() string { return "checkout: " + e.Words }

// capturedOther checks the amount an answer names as captured — got, from
// its field (captureAmount, transactionAmount) — against capture c: nil
// when it matches, or when the answer names none (neither field is
// required in an answer, API.md §5.3, §5.4: it settles as before); else
// a *capturedOtherError naming both.
func capturedOther(field string, got antom.Amount, c db.Capture) error {
	if got == (antom.Amount{}) || sameAmount(got, c.Currency, c.Amount) {
		return nil
	}
	return &capturedOtherError{Words: fmt.Sprintf("Antom names %s %s %s as captured, but we asked for %s: not applied",
		field, got.Value, got.Currency, Money{c.Currency, c.Amount})}
}

// capturedOtherWords is the words of a *capturedOtherError in err, "" for
// any other error.
func capturedOtherWords(err error) string {
	var e *capturedOtherError
	if errors.As(err, &e) {
		return e.Words
	}
	return ""
}
