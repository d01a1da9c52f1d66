package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/db"
)

// How long the reconciler asks Antom for an authorization's unknown
// authExpiryTime (lookForAuthExpiries), counted from when the
// authorization succeeded (paid_at):
//
//   - for the first authExpiryDailyAfter, on authExpiryBackoff's
//     schedule (1, 2, 4 … 32 minutes, then every hour): an answer that
//     lacked the expiry at first (a kept card's pay, a notification) is
//     soon followed by one that has it, or never;
//   - then once a day (authExpiryDailyPause): Antom has answered SUCCESS
//     without an expiry some two dozen times, and asking hourly for weeks
//     only adds calls;
//   - and not at all once authExpiryLookFor has passed: neither API.md
//     nor the seeds say how long Antom holds a card authorization (the
//     sandbox gives 7 days; the card networks' longest holds, extended
//     and pre-authorizations, are about 30 days), so past 30 days the
//     authorization has most likely ended, and an expiry Antom then gave
//     would most likely be in the past. A stop is no word of Antom's that
//     it ended (unlike a FAIL or CANCELLED answer: endAuthExpiryLooks):
//     the order stays AUTHORIZED, a refused void's alarm stays, and every
//     place staff look says the hold has most likely ended, to look the
//     payment up at Antom before capturing, and that a capture will
//     likely be refused — the order's Capture before line, the orders
//     list, the refused capture's and void's alarms, and its timeline
//     (authExpiryStoppedWords).
//
// About 60 inquiries in all for an authorization whose expiry stays
// unknown (29 in the first day, then one a day), instead of 24 a day
// without end. A faster reconciler
// runs all three faster in proportion (Service.scaled), as it does every
// backoff.
const (
	authExpiryDailyAfter = 24 * time.Hour
	authExpiryDailyPause = 24 * time.Hour
	authExpiryLookFor    = 30 * 24 * time.Hour
)

// authExpiryNextLook is when the look after look l — made at now, the
// (n)th without an answer that gives the expiry — is due, and whether
// that pause is once a day; stop when no look is due any more (the
// authorization succeeded authExpiryLookFor ago). A look before the day
// is out is never put off past it (the first once-a-day look comes on
// the day), nor a look past authExpiryLookFor, so the last is made then.
func (s *Service) authExpiryNextLook(l db.AuthExpiryLook, n int, now time.Time) (next time.Time, daily, stop bool) {
	paid := l.Attempt.PaidAt
	if paid.IsZero() { // not reached: a SUCCESS attempt has its paid_at
		return now.Add(s.pause(authExpiryBackoff, n)), false, false
	}
	if s.authLooksOver(paid, now) {
		return time.Time{}, false, true
	}
	if now.Sub(paid) >= s.scaled(authExpiryDailyAfter) {
		next, daily = now.Add(s.scaled(authExpiryDailyPause)), true
	} else {
		next = earlier(now.Add(s.pause(authExpiryBackoff, n)), paid.Add(s.scaled(authExpiryDailyAfter)))
	}
	return s.authLooksBound(paid, next), daily, false
}

// authLooksOver is the one rule that ends the reconciler's asks of
// Antom about a card authorization that succeeded at paid: at now it has
// been held authExpiryLookFor, longer than any card authorization is, so
// asking more adds calls and nothing else. It stops both the looks for
// its unknown authExpiryTime (stopAuthExpiryLooks) and, once it ended
// uncaptured in our books, the asks whether it was captured outside this
// app before it is closed as nothing charged (stopEndChecks). False
// for a paid time not known (not reached: a SUCCESS attempt has it).
func (s *Service) authLooksOver(paid, now time.Time) bool {
	return !paid.IsZero() && now.Sub(paid) >= s.scaled(authExpiryLookFor)
}

// authLooksBound is next, the time an ask about the authorization that
// succeeded at paid would be due, put off no later than authLooksOver
// becomes true: the last ask is made then, not skipped.
func (s *Service) authLooksBound(paid, next time.Time) time.Time {
	if paid.IsZero() {
		return next
	}
	return earlier(next, paid.Add(s.scaled(authExpiryLookFor)))
}

// earlier is the earlier of a and b.
func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// firstDailyLook reports whether look l, made at now, is the first of
// the once-a-day ones: the day after the authorization has passed, and
// the look was due by then (every later one is due a day after a look
// made past it).
func (s *Service) firstDailyLook(l db.AuthExpiryLook, now time.Time) bool {
	day := l.Attempt.PaidAt.Add(s.scaled(authExpiryDailyAfter))
	return !now.Before(day) && !l.Due.After(day)
}

// authExpiryStoppedWords is what the timeline says, after why the looks
// stopped, of an authorization whose expiry Antom never gave once we
// stopped asking. Staff's pages (views/admin_orders.templ: the Capture
// before line, the orders list, the refused capture's and void's alarms)
// tell the same story in words of their own, each for its place.
const authExpiryStoppedWords = "no more looks. Card authorizations are rarely held this long, so this one has most likely ended: " +
	"look the payment up in Antom Dashboard before capturing (a capture will likely be refused)"

// stopAuthExpiryLooks ends the looks for l's authExpiryTime after the
// look at now, the (n)th, learnt none (why: authExpiryMissing) though
// authExpiryLookFor has passed since the authorization — kept with the
// attempt (db.StopAuthExpiryLooks: when, for staff's order page) with a
// line, in one transaction, while the look is still open, and wakes the
// order's pages. The order stays AUTHORIZED (Antom never said the hold
// ended, though it most likely has): a capture or a void settles it, and
// a capture Antom refuses as expired closes it (captureEnds).
func (s *Service) stopAuthExpiryLooks(ctx context.Context, l db.AuthExpiryLook, subject, why string, n int, now time.Time) {
	line := fmt.Sprintf("the authorization's expiry (authExpiryTime) still not known after %d looks over %s%s: %s",
		n, daysWords(s.scaled(authExpiryLookFor)), why, authExpiryStoppedWords)
	if s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		return q.StopAuthExpiryLooks(ctx, l.Attempt.ID, l.Looks, now)
	}) {
		s.hub.Publish(subject) // staff's order page says so now
	}
}

// daysWords says a duration of whole days for the timeline ("30 days");
// a shorter one (a faster reconciler's) as pauseWords does.
func daysWords(d time.Duration) string {
	if d >= 24*time.Hour && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return pauseWords(d)
}
