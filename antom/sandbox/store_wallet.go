package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// walletUser is a wallet_users row.
type walletUser struct {
	Login        string
	Wallet       string
	UserLoginID  string
	passwordHash string
}

// seedUsers inserts the test users that are missing, with their starting
// balances. Existing users keep their balances (payments debit them).
func (s *Sandbox) seedUsers(ctx context.Context) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: seed users: %w", err)
	}
	defer tx.Rollback()
	now := s.now().UnixMilli()
	for _, u := range TestUsers() {
		if err := seedUser(ctx, tx, u, now); err != nil {
			return fmt.Errorf("sandbox: seed user %s: %w", u.Login, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: seed users: %w", err)
	}
	return nil
}

// seedUser inserts u and its balances unless the login exists.
func seedUser(ctx context.Context, tx *sql.Tx, u TestUser, now int64) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO wallet_users (login, wallet, user_login_id, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING`,
		u.Login, u.Wallet, u.UserLoginID, passwordHash(u.Login, u.Password), now)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	for _, cur := range sortedCurrencies(u.Balances) {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO wallet_balances (login, currency, minor) VALUES (?, ?, ?)`,
			u.Login, cur, u.Balances[cur]); err != nil {
			return err
		}
	}
	return nil
}

// balance reads one balance; found is false when the login is unknown.
func (s *Sandbox) balance(ctx context.Context, login, currency string) (minor int64, found bool, err error) {
	var v sql.NullInt64
	err = s.db.QueryRowContext(ctx, `
		SELECT b.minor FROM wallet_users u
		LEFT JOIN wallet_balances b ON b.login = u.login AND b.currency = ?
		WHERE u.login = ?`, currency, login).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("sandbox: balance: %w", err)
	}
	return v.Int64, true, nil
}

// balanceRow is one currency a user holds.
type balanceRow struct {
	Currency string
	Minor    int64
}

// balances lists a user's balances by currency.
func (s *Sandbox) balances(ctx context.Context, login string) ([]balanceRow, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT currency, minor FROM wallet_balances WHERE login = ? ORDER BY currency`, login)
	if err != nil {
		return nil, fmt.Errorf("sandbox: balances: %w", err)
	}
	defer rows.Close()
	var out []balanceRow
	for rows.Next() {
		var b balanceRow
		if err := rows.Scan(&b.Currency, &b.Minor); err != nil {
			return nil, fmt.Errorf("sandbox: balances: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: balances: %w", err)
	}
	return out, nil
}

// userByLogin reads a user; ErrUnknownUser when there is none.
func (s *Sandbox) userByLogin(ctx context.Context, login string) (walletUser, error) {
	var u walletUser
	err := s.db.QueryRowContext(ctx,
		`SELECT login, wallet, user_login_id, password_hash FROM wallet_users WHERE login = ?`, login).
		Scan(&u.Login, &u.Wallet, &u.UserLoginID, &u.passwordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("sandbox: user %q: %w", login, ErrUnknownUser)
	}
	if err != nil {
		return u, fmt.Errorf("sandbox: user: %w", err)
	}
	return u, nil
}

// usersOfWallet lists a wallet's users ("" = every wallet), by login.
func (s *Sandbox) usersOfWallet(ctx context.Context, wallet string) ([]walletUser, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT login, wallet, user_login_id FROM wallet_users
		WHERE ? = '' OR wallet = ? ORDER BY wallet, login`, wallet, wallet)
	if err != nil {
		return nil, fmt.Errorf("sandbox: wallet users: %w", err)
	}
	defer rows.Close()
	var out []walletUser
	for rows.Next() {
		var u walletUser
		if err := rows.Scan(&u.Login, &u.Wallet, &u.UserLoginID); err != nil {
			return nil, fmt.Errorf("sandbox: wallet users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: wallet users: %w", err)
	}
	return out, nil
}

// saveSession stores a wallet-app session.
func (s *Sandbox) saveSession(ctx context.Context, idHash, login string, expires time.Time) error {
	_, err := s.writer.ExecContext(ctx,
		`INSERT INTO wallet_sessions (id_hash, login, expires_at) VALUES (?, ?, ?)`,
		idHash, login, expires.UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: save wallet session: %w", err)
	}
	return nil
}

// sessionLogin returns the login of an unexpired session, or "".
func (s *Sandbox) sessionLogin(ctx context.Context, idHash string) (string, error) {
	var login string
	err := s.db.QueryRowContext(ctx,
		`SELECT login FROM wallet_sessions WHERE id_hash = ? AND expires_at > ?`,
		idHash, s.now().UnixMilli()).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sandbox: wallet session: %w", err)
	}
	return login, nil
}

// deleteSession ends a session, and any that have expired.
func (s *Sandbox) deleteSession(ctx context.Context, idHash string) error {
	_, err := s.writer.ExecContext(ctx,
		`DELETE FROM wallet_sessions WHERE id_hash = ? OR expires_at <= ?`, idHash, s.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: delete wallet session: %w", err)
	}
	return nil
}
