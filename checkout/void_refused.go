package checkout

import (
	"time"

	"antom-checkout/db"
)

// VoidRefusal is a void Antom refused on an authorization that still
// holds (voidRefusalOpen): nothing was released, and the hold stays on
// the buyer's card until staff capture it or void it again, or it
// expires.
type VoidRefusal struct {
	RefusedAt     time.Time
	Code, Message string // Antom's resultCode and resultMessage ("" when Antom gave none)
	AuthExpiresAt time.Time
}

// voidRefusalOpen is the rule of a refused void staff must hear of
// until something settles it: the order still holds the attempt's
// authorization (AUTHORIZED, a: SUCCESS, not a surplus one), its newest
// void was refused (its cancel FAIL with a refusal recorded, v:
// db.RefuseVoid — a cancel that ended FAIL any other way is no void),
// the authorization has not ended — no capture refusal ended it
// (endedAs: captureEnds), Antom's inquiryPayment has not said the payment
// is CANCELLED or FAIL (lookEnd: the expiry looks it ended, which the page
// says instead; looks we stopped ourselves, db.AuthExpiryLooksStopped,
// say nothing of the kind), it has not expired at now — and no capture was
// sent since (lastCaptureAt, the newest capture's sending; zero for
// none): a capture under way says so itself, a captured order is PAID,
// one Antom refused has its own alarm (captureFailureOpen). Another void
// sets the cancel PROCESSING again, and ends it as VOIDED or with its
// own refusal.
func voidRefusalOpen(orderStatus string, a db.Attempt, v db.VoidRefusal, endedAs, lookEnd string, lastCaptureAt, now time.Time) bool {
	return orderStatus == db.OrderAuthorized && !a.Surplus && a.Status == db.AttemptSuccess &&
		a.CancelStatus == db.CancelFail && !v.At.IsZero() && endedAs == "" && (lookEnd == "" || lookEnd == db.AuthExpiryLooksStopped) &&
		(a.AuthExpiresAt.IsZero() || a.AuthExpiresAt.After(now)) && !lastCaptureAt.After(v.At)
}
