package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Payments move money in the wallet_balances table, always inside the
// transaction that changes the payment. A user without a row in a
// currency holds 0 of it.

// debit takes amount from login's balance in currency when the balance
// covers it; paid is false, and nothing is taken, when it does not.
func debit(ctx context.Context, tx *sql.Tx, login, currency string, amount int64) (paid bool, err error) {
	res, err := tx.ExecContext(ctx, `
		UPDATE wallet_balances SET minor = minor - ?
		WHERE login = ? AND currency = ? AND minor >= ?`, amount, login, currency, amount)
	if err != nil {
		return false, fmt.Errorf("sandbox: debit: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sandbox: debit: %w", err)
	}
	return n == 1, nil
}

// takeUpTo takes amount from login's balance in currency, or the whole
// balance when it is smaller, and returns what it took. Outcomes decided
// regardless of the balance (magic amounts, settlements from the control
// page) use it.
func takeUpTo(ctx context.Context, tx *sql.Tx, login, currency string, amount int64) (int64, error) {
	var held int64
	err := tx.QueryRowContext(ctx,
		`SELECT minor FROM wallet_balances WHERE login = ? AND currency = ?`, login, currency).Scan(&held)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sandbox: take from balance: %w", err)
	}
	taken := min(held, amount)
	if taken <= 0 {
		return 0, nil
	}
	if _, err := debit(ctx, tx, login, currency, taken); err != nil {
		return 0, err
	}
	return taken, nil
}

// credit gives amount back to login's balance in currency.
func credit(ctx context.Context, tx *sql.Tx, login, currency string, amount int64) error {
	if amount <= 0 || login == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO wallet_balances (login, currency, minor) VALUES (?, ?, ?)
		ON CONFLICT (login, currency) DO UPDATE SET minor = minor + excluded.minor`, login, currency, amount)
	if err != nil {
		return fmt.Errorf("sandbox: credit: %w", err)
	}
	return nil
}
