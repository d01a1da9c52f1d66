package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The sessions a store may hand out: not expired (as each of scs's stores
// keeps expiry: a Julian day number on SQLite, a timestamp on
// PostgreSQL).
const (
	sessionSQLite   = `SELECT data FROM sessions WHERE token = ? AND julianday('now') < expiry`
	sessionPostgres = `SELECT data FROM sessions WHERE token = ? AND current_timestamp < expiry`
)

// FindSession returns the data of the session stored under token that has
// not expired, and whether there is one — what scs's store for the
// backend finds (the sessions table of migration 1, in the layout that
// store keeps), but as a query like the app's others: on SQLite from the
// read pool, never queuing behind the writer as scs's sqlite3store, which
// has one handle, would. In a request made WithCheckoutRead, the first
// call reads the checkout page's order in the same statement; in one made
// WithSessionRead, the first call's answer is remembered (SessionReadOf);
// in one made WithSessionBuyer, on PostgreSQL, the first call reads the
// buyer the session names too.
func (d *DB) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	data, found, err := d.findSessionFirst(ctx, token)
	if err == nil {
		rememberSessionRead(ctx, token, data, found)
	}
	return data, found, err
}

func (d *DB) findSessionFirst(ctx context.Context, token string) ([]byte, bool, error) {
	buyer := firstBuyerRead(ctx)
	if r := checkoutReadOf(ctx); r != nil && !r.tried {
		r.tried = true
		data, found, err := d.sessionAndCheckoutOrder(ctx, token, r)
		if !errors.Is(err, ErrNotFound) {
			return data, found, err
		}
		// No such order (the row that would carry the session): the
		// session alone, or with its buyer.
	}
	if buyer != nil {
		return d.findSessionAndBuyer(ctx, token, buyer)
	}
	return d.findSession(ctx, token)
}

func (d *DB) findSession(ctx context.Context, token string) ([]byte, bool, error) {
	query := sessionSQLite
	if d.Backend() == PostgreSQL {
		query = sessionPostgres
	}
	var data []byte
	err := d.Queries.q.QueryRowContext(lookup(ctx), query, token).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("db: find session: %w", err)
	}
	return data, true, nil
}
