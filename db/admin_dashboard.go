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

// PaymentsSince totals the successful payments made since a time, per
// currency.
func (q *Queries) PaymentsSince(ctx context.Context, since time.Time) ([]CurrencyTotal, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT currency, COUNT(*), SUM(amount) FROM payment_attempts
		WHERE status = 'SUCCESS' AND paid_at >= ? GROUP BY currency ORDER BY currency`, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("db: payments since: %w", err)
	}
	defer rows.Close()
	var out []CurrencyTotal
	for rows.Next() {
		var t CurrencyTotal
		if err := rows.Scan(&t.Currency, &t.Count, &t.Amount); err != nil {
			return nil, fmt.Errorf("db: payments since: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: payments since: %w", err)
	}
	return out, nil
}

// AttemptOutcomesSince counts the attempts started since a time that are
// final, and how many of those succeeded.
func (q *Queries) AttemptOutcomesSince(ctx context.Context, since time.Time) (succeeded, final int, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT COUNT(CASE WHEN status = 'SUCCESS' THEN 1 END),
		COUNT(CASE WHEN status != 'PROCESSING' THEN 1 END)
		FROM payment_attempts WHERE created_at >= ?`, formatTime(since)).Scan(&succeeded, &final)
	if err != nil {
		return 0, 0, fmt.Errorf("db: attempt outcomes: %w", err)
	}
	return succeeded, final, nil
}

// CountAttemptsProcessingSince counts attempts still PROCESSING that were
// started before a time.
func (q *Queries) CountAttemptsProcessingSince(ctx context.Context, before time.Time) (int, error) {
	return q.count(ctx, "count stuck attempts", `SELECT COUNT(*) FROM payment_attempts
		WHERE status = 'PROCESSING' AND created_at < ?`, formatTime(before))
}

// CountRefundsProcessing counts refunds not final yet.
func (q *Queries) CountRefundsProcessing(ctx context.Context) (int, error) {
	return q.count(ctx, "count refunds processing", `SELECT COUNT(*) FROM refunds WHERE status = 'PROCESSING'`)
}

// CountNotifications counts inbox rows with a verdict.
func (q *Queries) CountNotifications(ctx context.Context, verdict string) (int, error) {
	return q.count(ctx, "count notifications", `SELECT COUNT(*) FROM notifications WHERE verdict = ?`, verdict)
}

func (q *Queries) count(ctx context.Context, what, query string, args ...any) (int, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: %s: %w", what, err)
	}
	return n, nil
}

// HourCount is how many payments succeeded in one hour (UTC).
type HourCount struct {
	Hour  time.Time
	Count int
}

// PaymentsPerHour counts successful payments per hour since a time; hours
// without payments are left out.
func (q *Queries) PaymentsPerHour(ctx context.Context, since time.Time) ([]HourCount, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT substr(paid_at, 1, 13), COUNT(*) FROM payment_attempts
		WHERE status = 'SUCCESS' AND paid_at >= ? GROUP BY 1 ORDER BY 1`, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("db: payments per hour: %w", err)
	}
	defer rows.Close()
	var out []HourCount
	for rows.Next() {
		var hour string
		var h HourCount
		if err := rows.Scan(&hour, &h.Count); err != nil {
			return nil, fmt.Errorf("db: payments per hour: %w", err)
		}
		if h.Hour, err = time.Parse("2006-01-02T15", hour); err != nil {
			return nil, fmt.Errorf("db: payments per hour: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: payments per hour: %w", err)
	}
	return out, nil
}
