package checkout

import (
	"context"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// captureEnds is the rule of the capture refusals that end an
// authorization (API.md §5.4, result codes of capture and notifyCapture):
// Antom's resultCode → what the order becomes. Any other F leaves the
// authorization open — capture again or void it (captureFailureOpen).
// Nothing was charged either way, and nothing can be: capture and void
// are refused from then on without a call to Antom (authorizationTaken).
// The twin of db's endingCodes.
var captureEnds = map[string]string{
	// The authorization expired (its authExpiryTime passed, known to us
	// or not): the card's hold lapses.
	antom.CodeAuthExpired: db.OrderExpired,
	// The authorization was cancelled (voided) at Antom — from Antom's
	// dashboard, say — or the payment itself was: the hold is released.
	// A cancel of ours may be what took effect: one the buyer's Pay
	// another way sent, which Antom refused, we read, before the payment
	// became this authorization. The buyer left it then, so the order is
	// OPEN again, not VOIDED (buyerLeft).
	antom.CodeAuthCancelled:   db.OrderVoided,
	antom.CodeOrderIsCanceled: db.OrderVoided,
}

// refusedEnding returns the newest of captures (the order's) of attempt
// attemptID that Antom refused with a code that ends the authorization
// (captureEnds), and the order's status it makes; ok false when none was.
// settleCapture closes the order then, else the reconciler does (db's
// refusedEnding).
func refusedEnding(captures []db.Capture, attemptID int64) (c db.Capture, to string, ok bool) {
	for _, x := range captures {
		if x.AttemptID != attemptID || x.Status != db.CaptureFail {
			continue
		}
		if status, ends := captureEnds[x.ResultCode]; ends {
			c, to, ok = x, status, true
		}
	}
	return c, to, ok
}

// endedWords is what staff read of an authorization a refusal ended, the
// order becoming to (captureEnds): when that refusal comes, and when they
// try to capture or void it afterwards. now is for an expiry's time
// (expiredAt).
func endedWords(to string, a db.Attempt, now time.Time, zone *time.Location) string {
	if to == db.OrderVoided {
		return cancelledWords
	}
	return expiredWords(expiredAt(a, now), zone)
}

// cancelledWords is what staff read of an authorization Antom said was
// cancelled (AUTH_CANCELLED, ORDER_IS_CANCELED).
const cancelledWords = "The authorization was cancelled at Antom before it was captured: nothing was charged, " +
	"the hold on the buyer's card is released, and it can no longer be captured or voided."

// endedLine is the timeline line of an order a capture refused with code
// closed as to (captureEnds); how tells which capture ("capture
// CAP-…", or "a capture of it" for the reconciler).
func endedLine(to, code, how string, a db.Attempt, now time.Time, zone *time.Location) string {
	why := " (Antom refused " + how + ": " + code + ")"
	if to == db.OrderVoided {
		return "Antom reported the authorization cancelled" + why +
			" with nothing captured: nothing was charged, the buyer's funds are released; order " + db.OrderVoided
	}
	return expiredLine(expiredAt(a, now), why, zone)
}

// endRefused closes, within q (settleCapture's transaction), order o
// whose capture c Antom refused with code, one that ends the
// authorization (captureEnds, to), a definite answer: the order moves
// from AUTHORIZED to what the rule says — EXPIRED as endAuthorizations
// moves it, or VOIDED (OPEN again when the buyer had left the payment:
// buyerLeft) — with a line on its timeline. Nothing is sent to Antom.
// The caller wakes the order's pages once committed. moved is false when
// the order was not AUTHORIZED with nothing else under way on it
// (db.EndAuthorization); the reconciler then closes it once nothing is
// (endAuthorizations).
func (s *Service) endRefused(ctx context.Context, q *db.Queries, o db.Order, c db.Capture, code, to string) (moved bool, err error) {
	a, err := q.AttemptByID(ctx, c.AttemptID)
	if err != nil {
		return false, err
	}
	if buyerLeft(a, to) {
		return s.cancelledAuthorizationIn(ctx, q, a, o, "Antom refused capture "+c.CaptureRequestID+" with "+code)
	}
	if moved, err = q.EndAuthorization(ctx, o.ID, to, s.now()); err != nil || !moved {
		return false, err
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, endedLine(to, code, "capture "+c.CaptureRequestID, a, s.now(), storedZone))
	return true, nil
}

// captureRefused is the *CaptureError of a capture of attempt a's
// authorization that Antom refused with code and message; a code that
// ends the authorization (captureEnds: settleCapture closed the order)
// says so in Ended.
func (s *Service) captureRefused(a db.Attempt, code, message string) *CaptureError {
	e := &CaptureError{Code: code, Message: message}
	if to, ends := captureEnds[code]; ends {
		e.Ended = endedWords(to, a, s.now(), s.zone())
	}
	return e
}

// buyerLeft reports whether an authorization Antom says was cancelled
// (to VOIDED, captureEnds) is one the buyer left before it became one
// (Pay another way: a.AbandonedAt): the cancel that sent took effect
// after all, and cancelledAuthorizationIn applies it — the attempt
// CANCELLED, the order OPEN for the buyer to pay another way.
func buyerLeft(a db.Attempt, to string) bool {
	return to == db.OrderVoided && !a.AbandonedAt.IsZero()
}
