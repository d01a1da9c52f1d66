package checkout

import (
	"time"

	"antom-checkout/db"
)

// Pending words what staff asked of an authorization (ResultAuthorized)
// that Antom has not confirmed yet: the badge of the order's state reads
// "authorized — releasing" or "authorized — capturing" rather than plain
// "authorized", the result page's Releasing and Capturing facts. "" when
// nothing is under way.
const (
	PendingReleasing = "releasing" // a void sent (the attempt's cancel PROCESSING)
	PendingCapturing = "capturing" // a capture sent (PROCESSING)
	// PendingCancelChecking: a cancel of ours may still take effect on a
	// payment Antom said succeeded (the attempt's cancel IN_DOUBT): the
	// buyer chose to pay another way, or the card page expired, while it
	// went through. If the cancel took effect, it releases the
	// authorization or gives the money back by itself (API.md §5.5); the
	// reconciler asks Antom until it is known (watchCancelDoubt). Staff's
	// capture, void and refunds wait for it (cancelInDoubtRefusal).
	PendingCancelChecking = "cancel-checking"
)

// pendingOf is an order's Pending: for an authorization or a paid order
// (state ResultAuthorized, ResultPaid) whose cancel of ours is in doubt
// (cancelStatus IN_DOUBT), PendingCancelChecking; for an authorization
// (state ResultAuthorized) with a void under way (cancelStatus PROCESSING),
// PendingReleasing; with a capture under way (its newest capture
// lastCapture PROCESSING), PendingCapturing; else "". Staff cannot send
// both at once (authorizationTaken).
func pendingOf(state, cancelStatus, lastCapture string) string {
	switch {
	case cancelStatus == db.CancelInDoubt && (state == ResultAuthorized || state == ResultPaid):
		return PendingCancelChecking
	case state != ResultAuthorized:
		return ""
	case cancelStatus == db.CancelProcessing:
		return PendingReleasing
	case lastCapture == db.CaptureProcessing:
		return PendingCapturing
	}
	return ""
}

// captureFailureOpen is the rule of a failed capture staff must hear of:
// the order still holds its authorization (AUTHORIZED: no capture took
// the money, no void released it), the authorization has not expired at
// now (authExpires zero: its expiry is not known), its newest capture
// (lastCapture) failed — none was tried since — no capture of it was
// refused with a code that ends it (endedBy, the resultCode of the
// newest that was, "" for none: captureEnds — it expired, or was
// cancelled at Antom, and nothing can capture it; the reconciler closes
// the order, endAuthorizations), and no cancel of the authorization is
// under way (cancelStatus neither PROCESSING, a void Antom has not
// answered, nor IN_DOUBT): while one is, there is nothing for staff to
// do but wait, and the order says it is being released (or checked). A
// capture that succeeds later (the order PAID), a void (VOIDED) or the
// expiry closes it; a void Antom refuses (cancel FAIL) leaves it open
// again. The twin of db's openCaptureFailure (the dashboard's count, the
// orders filter).
func captureFailureOpen(orderStatus, lastCapture, endedBy, cancelStatus string, authExpires, now time.Time) bool {
	_, ended := captureEnds[endedBy]
	return orderStatus == db.OrderAuthorized && lastCapture == db.CaptureFail && !ended &&
		cancelStatus != db.CancelProcessing && cancelStatus != db.CancelInDoubt &&
		(authExpires.IsZero() || authExpires.After(now))
}

// CaptureFailure is a capture Antom refused on an authorization that is
// still open (captureFailureOpen): the money was not taken, and the hold
// stays on the buyer's card until staff capture again or void it, or it
// expires.
type CaptureFailure struct {
	CaptureRequestID string
	Amount           Money
	By               string    // the staff member who sent it
	SentAt           time.Time // when it was sent
	FailedAt         time.Time // when we learnt Antom refused it
	Code, Message    string    // Antom's resultCode and resultMessage ("" when Antom gave none)
	AuthExpiresAt    time.Time // the authorization's expiry; zero when it is not known
}

// lastCaptureOf is the newest of captures (oldest first) that is of the
// attempt attemptID; ok is false when it has none.
func lastCaptureOf(captures []db.Capture, attemptID int64) (c db.Capture, ok bool) {
	for _, x := range captures {
		if x.AttemptID == attemptID {
			c, ok = x, true
		}
	}
	return c, ok
}
