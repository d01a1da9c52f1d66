package db

import (
	"context"
	"fmt"
	"time"
)

// CurrencyTotal is a count and a sum of payments in one currency.
type CurrencyTotal struct {
	Currency string
	Count    int
	Amount   int64
}

// moneyTaken lists every payment that took money from a buyer for an
// order, with when: successful attempts of wallets and automatically
// captured cards at their payment time, and successful captures of MANUAL
// authorizations at their capture time (an authorization takes nothing
// until captured; a voided one never does). A surplus payment (the order
// was paid twice) is given back automatically and is not counted, nor one
// a cancel of ours may still give back (cancel IN_DOUBT: CountCancelsInDoubt
// counts them) until it stands.
const moneyTaken = `(SELECT currency, amount, paid_at AS taken_at FROM payment_attempts
		WHERE status = 'SUCCESS' AND capture_mode != 'MANUAL' AND surplus = 0 AND cancel_status != 'IN_DOUBT'
	UNION ALL
	SELECT currency, amount, updated_at AS taken_at FROM captures WHERE status = 'SUCCESS') AS taken`

// PaymentsSince totals the money taken since a time (see moneyTaken), per
// currency.
func (q *Queries) PaymentsSince(ctx context.Context, since time.Time) ([]CurrencyTotal, error) {
	return q.currencyTotals(ctx, "payments since", `SELECT currency, COUNT(*), SUM(amount) FROM `+moneyTaken+`
		WHERE taken_at >= ? GROUP BY currency ORDER BY currency`, formatTime(since))
}

// OpenAuthorizations totals the MANUAL card authorizations waiting for
// capture or void (waitingAuthorization), per currency, whenever they
// were made — not those with a capture or a void under way
// (PendingAuthorizations counts them), nor those a cancel of ours may
// still release.
func (q *Queries) OpenAuthorizations(ctx context.Context) ([]CurrencyTotal, error) {
	return q.currencyTotals(ctx, "open authorizations", `SELECT a.currency, COUNT(*), SUM(a.amount)
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id
		WHERE `+waitingAuthorization+`
		GROUP BY a.currency ORDER BY a.currency`)
}

// RefundsSince totals the refunds staff made that succeeded since a time,
// per currency (automatic refunds of surplus payments are counted apart).
func (q *Queries) RefundsSince(ctx context.Context, since time.Time) ([]CurrencyTotal, error) {
	return q.currencyTotals(ctx, "refunds since", `SELECT currency, COUNT(*), SUM(amount) FROM refunds
		WHERE status = 'SUCCESS' AND automatic = 0 AND refunded_at >= ? GROUP BY currency ORDER BY currency`, formatTime(since))
}

func (q *Queries) currencyTotals(ctx context.Context, what, query string, args ...any) ([]CurrencyTotal, error) {
	return queryAll(ctx, q.q, what, func(row scanner) (CurrencyTotal, error) {
		var t CurrencyTotal
		err := row.Scan(&t.Currency, &t.Count, &t.Amount)
		return t, err
	}, query, args...)
}

// attemptCounted is a final attempt the success rate counts: not one the
// buyer left to pay another way (MarkAbandoned) and that was then
// cancelled — the buyer chose another method, the payment did not fail
// (one that Antom says succeeded or failed after all counts as such) —
// and not one we closed before its buyer could act and followed at once
// with a new attempt (MarkClosedUnseen: a pay answer without a payment
// page) — the buyer saw nothing go wrong. Success is counted always, once
// it stands: not while a cancel of ours may still reverse it (cancel
// IN_DOUBT; CountCancelsInDoubt counts those), as today's payments leave
// it out too.
const attemptCounted = `status != 'PROCESSING' AND cancel_status != 'IN_DOUBT' AND (status = 'SUCCESS' OR
	(NOT (status = 'CANCELLED' AND abandoned_at != '') AND closed_unseen = 0))`

// AttemptOutcomesSince counts the attempts started since a time that are
// final and counted (attemptCounted), how many of those succeeded, and
// how many of them we closed ourselves as failed without Antom's word
// (FAIL, final_source OURS: Antom had no such payment past its expiry;
// checkout's ResultUnconfirmed).
func (q *Queries) AttemptOutcomesSince(ctx context.Context, since time.Time) (succeeded, final, unconfirmed int, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT COUNT(CASE WHEN status = 'SUCCESS' AND cancel_status != 'IN_DOUBT' THEN 1 END),
		COUNT(CASE WHEN `+attemptCounted+` THEN 1 END),
		COUNT(CASE WHEN `+attemptCounted+` AND status = 'FAIL' AND final_source = 'OURS' THEN 1 END)
		FROM payment_attempts WHERE created_at >= ?`, formatTime(since)).Scan(&succeeded, &final, &unconfirmed)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("db: attempt outcomes: %w", err)
	}
	return succeeded, final, unconfirmed, nil
}

// OpenAttempts counts payment attempts still PROCESSING by what their
// buyer's page says of them (checkout's resultState, and orderState's
// filters): being confirmed (among them card payments whose buyer came
// back from Antom's card page through /return: returned_at), left on
// Antom's card page (a CARD attempt with a normalUrl whose buyer has not
// come back), or such a card payment being cancelled (we asked Antom to
// cancel it). Each attempt counts in one of the three — but a payment
// with a paymentId conflict staff have not marked resolved
// (conflictAlarmedA: held or not yet, before its expiry), and one the
// app holds for it (heldForConflictA: not cancelled at its expiry, or
// its stored cancel held, Attempt.CancelHeld) counts in none: the
// dashboard's paymentId conflicts count has it until staff mark the
// conflict resolved, and then nothing here counts a held one —
// staff have looked it up in Antom Dashboard, the app sends nothing of it
// and keeps asking Antom, whose settlement applies; the orders list still
// shows it.
type OpenAttempts struct {
	Processing, CardPage, Cancelling int
}

// CountOpenAttemptsBefore counts the attempts still PROCESSING that were
// started before a time.
func (q *Queries) CountOpenAttemptsBefore(ctx context.Context, before time.Time) (OpenAttempts, error) {
	var n OpenAttempts
	err := q.q.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN NOT (method = 'CARD' AND redirect_url != '')
			OR (cancel_status = '' AND returned_at != '') THEN 1 END),
		COUNT(CASE WHEN method = 'CARD' AND redirect_url != '' AND cancel_status = '' AND returned_at = '' THEN 1 END),
		COUNT(CASE WHEN method = 'CARD' AND redirect_url != '' AND cancel_status != '' AND NOT `+heldCancelA+` THEN 1 END)
		FROM payment_attempts a WHERE status = 'PROCESSING' AND created_at < ? AND NOT `+heldForConflictA+` AND NOT `+conflictAlarmedA, formatTime(before)).
		Scan(&n.Processing, &n.CardPage, &n.Cancelling)
	if err != nil {
		return OpenAttempts{}, fmt.Errorf("db: count open attempts: %w", err)
	}
	return n, nil
}

// CountRefundsProcessing counts refunds not final yet.
func (q *Queries) CountRefundsProcessing(ctx context.Context) (int, error) {
	return q.count(ctx, "count refunds processing", `SELECT COUNT(*) FROM refunds WHERE status = 'PROCESSING'`)
}

const (
	// Of a paid attempt aliased a (minor units): what its successful
	// captures took, what the buyer paid on it (paidA, checkout's
	// paidOf: a card authorization captured by hand paid what was
	// captured, any other payment its amount), what its refunds that
	// succeeded and those still processing took, and what staff settled
	// another way of its failed refunds.
	capturedA   = `(SELECT COALESCE(SUM(c.amount), 0) FROM captures c WHERE c.order_id = a.order_id AND c.attempt_id = a.id AND c.status = 'SUCCESS')`
	paidA       = `(CASE WHEN a.capture_mode = 'MANUAL' THEN ` + capturedA + ` ELSE a.amount END)`
	refundedA   = `(SELECT COALESCE(SUM(x.amount), 0) FROM refunds x WHERE x.order_id = a.order_id AND x.attempt_id = a.id AND x.status = 'SUCCESS')`
	processingA = `(SELECT COALESCE(SUM(x.amount), 0) FROM refunds x WHERE x.order_id = a.order_id AND x.attempt_id = a.id AND x.status = 'PROCESSING')`
	handledA    = `(SELECT COALESCE(SUM(x.handled_amount), 0) FROM refunds x WHERE x.order_id = a.order_id AND x.attempt_id = a.id AND x.handled_at != '')`
	// settledAnotherWay is a refund staff marked handled another way:
	// its handled_amount went to the buyer outside the payment, whatever
	// came after — even if Antom later made the refund after all
	// (refundPaidTwice: then the buyer got that money twice).
	settledAnotherWay    = `r.handled_at != ''`
	handledRefundFailure = `r.status = 'FAIL' AND ` + settledAnotherWay
)

// CountNotificationsSince counts inbox rows with a verdict received at or
// after a time.
func (q *Queries) CountNotificationsSince(ctx context.Context, verdict string, since time.Time) (int, error) {
	return q.count(ctx, "count recent notifications", `SELECT COUNT(*) FROM notifications
		WHERE verdict = ? AND received_at >= ?`, verdict, formatTime(since))
}

// CountNotifications counts inbox rows with a verdict that no replay
// has dealt with since (settled_by 0, SettleDeferred) and staff have not
// marked reviewed (ReviewNotification): for quarantined rows, the ones
// still waiting for staff.
func (q *Queries) CountNotifications(ctx context.Context, verdict string) (int, error) {
	return q.count(ctx, "count notifications", `SELECT COUNT(*) FROM notifications WHERE verdict = ? AND settled_by = 0 AND reviewed_at = ''`, verdict)
}

// cancelInDoubt: the attempt aliased a succeeded at Antom while a cancel
// of ours was on its way, and that cancel may still take effect (cancel
// IN_DOUBT): an authorization it may release, a payment it may give back.
const cancelInDoubt = `a.status = 'SUCCESS' AND a.cancel_status = 'IN_DOUBT'`

// CountCancelsInDoubt counts the payments (authorizations or paid) whose
// cancel of ours is in doubt (cancelInDoubt): neither plainly paid nor
// given back until the reconciler learns which.
func (q *Queries) CountCancelsInDoubt(ctx context.Context) (int, error) {
	return q.count(ctx, "count cancels in doubt", `SELECT COUNT(*) FROM payment_attempts a WHERE `+cancelInDoubt)
}

func (q *Queries) count(ctx context.Context, what, query string, args ...any) (int, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: %s: %w", what, err)
	}
	return n, nil
}

// MinuteCount is how many payments took money in one minute (UTC).
type MinuteCount struct {
	Minute time.Time
	Count  int
}

// PaymentsPerMinute counts the payments that took money (see moneyTaken)
// per minute since a time; minutes without payments are left out. By the
// minute, not the hour: the dashboard's chart adds them up into the
// shop's hours (SHOP_TIMEZONE), which begin at :30 or :45 of a UTC hour
// in some zones (India, Nepal), and whose offset changes on a day of
// summer time — no database's hour is those (checkout's hourBars).
func (q *Queries) PaymentsPerMinute(ctx context.Context, since time.Time) ([]MinuteCount, error) {
	return queryAll(ctx, q.q, "payments per minute", func(row scanner) (MinuteCount, error) {
		var minute string
		var m MinuteCount
		if err := row.Scan(&minute, &m.Count); err != nil {
			return m, err
		}
		var err error
		m.Minute, err = time.Parse("2006-01-02T15:04", minute)
		return m, err
	}, `SELECT substr(taken_at, 1, 16), COUNT(*) FROM `+moneyTaken+`
		WHERE taken_at >= ? GROUP BY 1 ORDER BY 1`, formatTime(since))
}
