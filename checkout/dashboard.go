package checkout

import (
	"context"
	"maps"
	"slices"
	"time"

	"antom-checkout/db"
)

// stuckAfter is how long a payment may be processing (or an unfinished
// card payment cancelling) before the dashboard calls it a problem.
const stuckAfter = time.Minute

// unconfirmedAfter is how long a capture or a void staff sent may go
// unconfirmed by Antom before the dashboard calls it a problem
// (CapturesUnconfirmed, VoidsUnconfirmed). The reconciler's backoff
// reaches its one-minute cap 62 s after the send (2+4+8+16+32 s;
// captureBackoff, cancelBackoff), so five minutes is the whole climb and
// four sends or lookups at the cap, every one unanswered: no blip, an
// outage or a stuck item worth a look at Antom's side. It is also well
// inside the shortest cancel window (~16 min, API.md §8.4): staff who
// see a void listed still have time to act before cancelling may no
// longer be possible.
const unconfirmedAfter = 5 * time.Minute

// DashboardExamples is how many of a problem's items the dashboard names
// beside its count (RefundsLookFirstShown): a few to go to, read with a
// limit, the rest counted ("and 4 more").
const DashboardExamples = 3

// LookFirstRefund is an open failed refund that waits for a Refund lookup
// (needsLookup), as the dashboard names it: its order's ref, its
// refundRequestId, and whether Antom was found processing it.
type LookFirstRefund struct {
	OrderRef, RefundRequestID string
	FoundProcessing           bool
}

// Dashboard is the admin's first page: today at a glance.
type Dashboard struct {
	Day              time.Time     // start of today in the shop's zone (shopDay), in that zone
	Payments         []PaymentsSum // money taken today, per currency: captured, never merely authorized
	Authorizations   []PaymentsSum // card authorizations waiting for capture or void (any day), not those with one under way
	Refunds          []PaymentsSum // refunds that succeeded today
	Succeeded, Final int           // attempts started today: successful, final
	// PaymentsUnconfirmed counts, of Final, the attempts we closed
	// ourselves because Antom had no such payment past its expiry
	// (ResultUnconfirmed): not successful, and not known to have failed.
	PaymentsUnconfirmed int
	Quarantined         int // notifications held for staff
	Forged              int // notifications refused (forged) in the last 24 hours
	StuckAttempts       int // payments processing (ResultProcessing) for over a minute
	CancelsStuck        int // card payments cancelling (ResultCancelling) for over a minute
	CardPagesOpen       int // card payments left on Antom's card page (ResultCardPage) for over a minute: no problem, the buyer's choice
	RefundsProcessing   int
	RefundsFailed       int // staff refunds that failed and were not followed by another: the buyer still waits
	// RefundsFailedLookFirst: of RefundsFailed, those we closed ourselves
	// that wait for a Refund lookup before they can be made good
	// (needsLookup, as db counts it): Antom may yet make them.
	// RefundsFoundProcessing: of those, the ones Antom was found
	// processing, which wait for Antom's answer too.
	// RefundsLookFirstShown: the oldest of them, at most
	// DashboardExamples (a count and a few examples, never every row).
	RefundsFailedLookFirst int
	RefundsFoundProcessing int
	RefundsLookFirstShown  []LookFirstRefund
	// RefundsPaidTwice: refunds the buyer got twice — settled another
	// way, or tried again, then made by Antom after all — or may get
	// twice: RefundsMaybeTwice of them are retries still processing whose
	// failed original Antom made after all, or refunds made good already
	// (settled another way, or tried again) that Antom is found processing
	// (db's refundFoundTwice).
	RefundsPaidTwice  int
	RefundsMaybeTwice int
	// PaymentsMadeLateTwice: payments whose buyer got (or may get) money
	// twice through refunds we had closed as failed that Antom made after
	// all (ordersLateTwice).
	PaymentsMadeLateTwice int
	AutoRefunds           int // refunds we made of payments an order did not need (paid twice)
	AutoRefundsOpen       int // of those, not SUCCESS yet
	// AutoRefundsPartOutside counts, of AutoRefundsOpen, the failed ones
	// that refunds made outside this app (in Antom) gave part of: the
	// rest is still owed (autoOutsideGave).
	AutoRefundsPartOutside int
	Hours                  []HourBar // the last 24 hours, the shop's (hourBars), oldest first

	// AuthorizationsCapturing and AuthorizationsReleasing count the
	// authorizations with a capture or a void staff sent that Antom has
	// not confirmed yet: Authorizations leaves them out.
	AuthorizationsCapturing, AuthorizationsReleasing int
	// CapturesFailed counts orders whose authorization is still open after
	// Antom refused its newest capture (captureFailureOpen): money staff
	// asked for and did not get.
	CapturesFailed int
	// VoidsRefused counts orders whose authorization still holds after
	// Antom refused its newest void (voidRefusalOpen): a hold staff meant
	// to release, still on the buyer's card (FilterVoidRefused lists
	// them).
	VoidsRefused int
	// VoidsRefusedCaptureFailed counts, of VoidsRefused, the orders also
	// among CapturesFailed: a capture Antom refused, then a void it
	// refused. Each is one order with two alarms (its page shows both),
	// counted on both lines; the page says so.
	VoidsRefusedCaptureFailed int
	// CapturesUnconfirmed and VoidsUnconfirmed count, of those
	// authorizations, the ones whose capture or void Antom has not
	// confirmed for over unconfirmedAfter (5 minutes) since staff sent it.
	CapturesUnconfirmed, VoidsUnconfirmed int
	UnconfirmedAfter                      string // unconfirmedAfter in words: "5 min"
	// AuthorizationsExpiring counts the authorizations waiting for staff
	// that expire within AuthExpiringWithin (24 hours): capture or void
	// them before, or they lapse and nothing is charged
	// (FilterAuthExpiring lists them).
	AuthorizationsExpiring int
	// CancelsInDoubt counts the payments (paid or authorized) whose
	// cancel of ours is in doubt (PendingCancelChecking): Payments and
	// Authorizations leave them out until the payment stands
	// (FilterCancelChecking lists them).
	CancelsInDoubt int
	// PaymentIDConflicts counts the orders with a payment Antom has not
	// settled whose answers name another paymentId than the one on
	// record (payment_id_conflict.go): the app cancels none, staff
	// decide (FilterPaymentIDConflict lists them).
	PaymentIDConflicts int
	// AutoCapturesFailed counts the orders with a card payment Antom
	// captured automatically and then said failed (capturedBeforeFailIn):
	// money may have been taken of a failed payment; staff check with
	// Antom (FilterAutoCaptureFailed lists them).
	AutoCapturesFailed int
	// AsksStopped counts the orders left authorized once we stopped
	// asking Antom whether their ended authorization was captured
	// outside this app: staff decide (FilterAsksStopped lists them).
	AsksStopped int
}

// PaymentsSum is a count and a total in one currency.
type PaymentsSum struct {
	Count int
	Total Money
}

// HourBar is one hour of the payments chart.
type HourBar struct {
	Start time.Time // in the shop's zone (SHOP_TIMEZONE; UTC unless set), on the hour there
	Count int
}

// SuccessRate is successful out of final attempts, in percent (an
// attempt the buyer left to pay another way, then cancelled, is not
// counted, nor one we closed before the buyer could act and tried again
// at once: a pay answer without a payment page); ok is false when no
// attempt is final yet.
func (d Dashboard) SuccessRate() (percent int, ok bool) {
	if d.Final == 0 {
		return 0, false
	}
	return (d.Succeeded*100 + d.Final/2) / d.Final, true
}

// Problems counts everything that waits for staff or for Antom (a card
// page the buyer left unfinished waits for the buyer): the counts of the
// dashboard's problem lines added up, so alarms, not orders — each line
// counts its own kind (notifications, payments, refunds, orders), and
// one order can be on more than one: a refused capture then a refused
// void counts once among CapturesFailed and once among VoidsRefused
// (VoidsRefusedCaptureFailed), as its page shows both alarms.
func (d Dashboard) Problems() int {
	return d.Quarantined + d.Forged + d.StuckAttempts + d.CancelsStuck + d.RefundsProcessing + d.RefundsFailed + d.CapturesFailed + d.VoidsRefused +
		d.CapturesUnconfirmed + d.VoidsUnconfirmed + d.PaymentIDConflicts + d.AutoCapturesFailed + d.AsksStopped
}

// shopDay is the start of now's day in the shop's zone (nil: UTC), as
// a time in that zone: what the dashboard's "today" counts from, the day
// a merchant in Bangkok calls today, not UTC's.
func shopDay(now time.Time, zone *time.Location) time.Time {
	if zone == nil {
		zone = time.UTC
	}
	y, m, d := now.In(zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, zone)
}

// AdminDashboard gathers today's payments (money taken: a MANUAL card
// payment counts when and as much as it is captured), the authorizations
// still open, today's refunds, the success rate, open problems and
// payments per hour for the last 24 hours.
func (s *Service) AdminDashboard(ctx context.Context) (Dashboard, error) {
	now := s.now().UTC()
	d := Dashboard{Day: shopDay(now, s.zone()), UnconfirmedAfter: pauseWords(unconfirmedAfter)}
	var err error
	if d.Payments, err = sums(s.db.PaymentsSince(ctx, d.Day)); err != nil {
		return Dashboard{}, err
	}
	if d.Authorizations, err = sums(s.db.OpenAuthorizations(ctx)); err != nil {
		return Dashboard{}, err
	}
	if d.AuthorizationsCapturing, d.AuthorizationsReleasing, err = s.db.PendingAuthorizations(ctx); err != nil {
		return Dashboard{}, err
	}
	if d.AuthorizationsExpiring, _, err = s.ExpiringAuthorizations(ctx); err != nil {
		return Dashboard{}, err
	}
	if d.CancelsInDoubt, err = s.db.CountCancelsInDoubt(ctx); err != nil {
		return Dashboard{}, err
	}
	conflicts, err := s.db.PaymentIDConflictOrders(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	d.PaymentIDConflicts = len(conflicts)
	capturedFailed, err := s.db.FailedAutomaticCaptureOrders(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	d.AutoCapturesFailed = len(capturedFailed)
	asksStopped, err := s.db.AsksStoppedOrders(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	d.AsksStopped = len(asksStopped)
	if d.CapturesFailed, err = s.db.CountCaptureFailures(ctx, now); err != nil {
		return Dashboard{}, err
	}
	voidsRefused, err := s.openVoidRefusals(ctx, now)
	if err != nil {
		return Dashboard{}, err
	}
	d.VoidsRefused = len(voidsRefused)
	if d.VoidsRefusedCaptureFailed, err = s.alsoCaptureFailed(ctx, voidsRefused, now); err != nil {
		return Dashboard{}, err
	}
	if d.CapturesUnconfirmed, d.VoidsUnconfirmed, err = s.db.CountUnconfirmedBefore(ctx, now.Add(-unconfirmedAfter)); err != nil {
		return Dashboard{}, err
	}
	if d.Refunds, err = sums(s.db.RefundsSince(ctx, d.Day)); err != nil {
		return Dashboard{}, err
	}
	if d.Succeeded, d.Final, d.PaymentsUnconfirmed, err = s.db.AttemptOutcomesSince(ctx, d.Day); err != nil {
		return Dashboard{}, err
	}
	if d.Quarantined, err = s.db.CountNotifications(ctx, VerdictQuarantined); err != nil {
		return Dashboard{}, err
	}
	if d.Forged, err = s.db.CountNotificationsSince(ctx, VerdictForged, now.Add(-24*time.Hour)); err != nil {
		return Dashboard{}, err
	}
	open, err := s.db.CountOpenAttemptsBefore(ctx, now.Add(-stuckAfter))
	if err != nil {
		return Dashboard{}, err
	}
	d.StuckAttempts, d.CancelsStuck, d.CardPagesOpen = open.Processing, open.Cancelling, open.CardPage
	if d.RefundsProcessing, err = s.db.CountRefundsProcessing(ctx); err != nil {
		return Dashboard{}, err
	}
	failed, err := s.db.CountRefundsFailed(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	d.RefundsFailed, d.RefundsFailedLookFirst, d.RefundsFoundProcessing = failed.Open, failed.LookFirst, failed.FoundProcessing
	if d.RefundsFailedLookFirst > 0 {
		shown, err := s.db.RefundFailuresLookFirst(ctx, DashboardExamples)
		if err != nil {
			return Dashboard{}, err
		}
		for _, f := range shown {
			d.RefundsLookFirstShown = append(d.RefundsLookFirstShown, LookFirstRefund(f))
		}
	}
	var notTwice []int64 // refunds the older rule flags of which nothing is so
	if _, d.PaymentsMadeLateTwice, notTwice, err = s.ordersLateTwice(ctx); err != nil {
		return Dashboard{}, err
	}
	if d.RefundsPaidTwice, d.RefundsMaybeTwice, err = s.db.CountRefundsPaidTwice(ctx, notTwice); err != nil {
		return Dashboard{}, err
	}
	if d.AutoRefunds, d.AutoRefundsOpen, d.AutoRefundsPartOutside, err = s.AutomaticRefunds(ctx); err != nil {
		return Dashboard{}, err
	}
	d.Hours, err = s.paymentsPerHour(ctx, now)
	return d, err
}

// alsoCaptureFailed counts, of the orders with ids (the keys of ids),
// those whose newest capture Antom refused while the authorization is
// still open at now (FilterCaptureFailed's rule: db.OrderSearch's
// CaptureFailed); no query for none.
func (s *Service) alsoCaptureFailed(ctx context.Context, ids map[int64]bool, now time.Time) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	rows, err := s.db.SearchOrders(ctx, db.OrderSearch{OnlyIDs: true, IDs: slices.Sorted(maps.Keys(ids)),
		CaptureFailed: true, Now: now, Limit: len(ids)})
	return len(rows), err
}

// sums turns per-currency totals of the database into money.
func sums(totals []db.CurrencyTotal, err error) ([]PaymentsSum, error) {
	if err != nil {
		return nil, err
	}
	out := make([]PaymentsSum, 0, len(totals))
	for _, t := range totals {
		out = append(out, PaymentsSum{Count: t.Count, Total: Money{t.Currency, t.Amount}})
	}
	return out, nil
}

// paymentsPerHour returns 24 bars ending with the current hour, the
// shop's (hourBars).
func (s *Service) paymentsPerHour(ctx context.Context, now time.Time) ([]HourBar, error) {
	bars := hourBars(now, s.zone())
	counts, err := s.db.PaymentsPerMinute(ctx, bars[0].Start)
	if err != nil {
		return nil, err
	}
	countIn(bars, counts)
	return bars, nil
}

// hourBars are the 24 hours up to now, oldest first, as the shop's clock
// reads them (zone; nil: UTC): the last begins at the hour now is in
// there — at :30 of a UTC hour in India (UTC+5:30), at :15 in Nepal
// (UTC+5:45) — and each 60 minutes before the next. On the day summer
// time begins, the hour the clock skips has no bar (01:00, then 03:00);
// on the day it ends, the hour the clock reads twice has two, one at
// each offset (lang.ZoneLabel tells them apart). A zone whose offset
// changes by half an hour (Lord Howe Island) gets, before the change,
// bars that begin at :30 of its clock: each still 60 minutes, and
// labelled by when it began.
func hourBars(now time.Time, zone *time.Location) []HourBar {
	if zone == nil {
		zone = time.UTC
	}
	local := now.In(zone)
	into := time.Duration(local.Minute())*time.Minute + time.Duration(local.Second())*time.Second + time.Duration(local.Nanosecond())
	last := now.Add(-into)
	bars := make([]HourBar, 24)
	for i := range bars {
		bars[i].Start = last.Add(time.Duration(i-23) * time.Hour).In(zone)
	}
	return bars
}

// countIn adds each minute's payments to the bar of the hour it is in;
// minutes outside the bars are left out.
func countIn(bars []HourBar, minutes []db.MinuteCount) {
	first := bars[0].Start
	for _, m := range minutes {
		if i := int(m.Minute.Sub(first) / time.Hour); m.Minute.Compare(first) >= 0 && i < len(bars) {
			bars[i].Count += m.Count
		}
	}
}
