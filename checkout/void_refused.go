package checkout

import (
	"context"
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
// are no word of Antom's: the alarm stays, and says the authorization
// has most likely ended by then and may no longer hold), it has not
// expired at now — and no capture was
// sent since: lastCaptureID, the id of the attempt's newest capture (0
// for none), is none newer than the newest at the refusal (v.CaptureID).
// Ids, not times: the capture's sending and the refusal may be stamped by
// two instances whose clocks differ. A capture under way says so itself,
// a captured order is PAID, one Antom refused has its own alarm
// (captureFailureOpen). Another void sets the cancel PROCESSING again,
// and ends it as VOIDED or with its own refusal.
//
// The order's page, the orders list's line, the orders filter and the
// dashboard's count all ask this rule (openVoidRefusals for the last
// three).
func voidRefusalOpen(orderStatus string, a db.Attempt, v db.VoidRefusal, endedAs, lookEnd string, lastCaptureID int64, now time.Time) bool {
	return orderStatus == db.OrderAuthorized && !a.Surplus && a.Status == db.AttemptSuccess &&
		a.CancelStatus == db.CancelFail && !v.At.IsZero() && endedAs == "" && (lookEnd == "" || lookEnd == db.AuthExpiryLooksStopped) &&
		(a.AuthExpiresAt.IsZero() || a.AuthExpiresAt.After(now)) && lastCaptureID <= v.CaptureID
}

// openVoidRefusals returns the ids of the orders with a void refusal
// staff must hear of (voidRefusalOpen at now), of those db.HeldVoidRefusals
// finds: what the dashboard counts, FilterVoidRefused lists and the
// orders list marks — by the rule the order's page asks, with what the
// page reads (the expiry looks' end only while the expiry is not known).
func (s *Service) openVoidRefusals(ctx context.Context, now time.Time) (map[int64]bool, error) {
	held, err := s.db.HeldVoidRefusals(ctx)
	if err != nil {
		return nil, err
	}
	open := map[int64]bool{}
	for _, h := range held {
		lookEnd := ""
		if h.Attempt.AuthExpiresAt.IsZero() {
			lookEnd = h.LookEnd
		}
		if voidRefusalOpen(h.OrderStatus, h.Attempt, h.Refusal, captureEnds[h.EndedBy], lookEnd, h.LastCaptureID, now) {
			open[h.Attempt.OrderID] = true
		}
	}
	return open, nil
}
