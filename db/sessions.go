package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// FindSession returns the data of the session stored under token that has
// not expired, and whether there is one — what scs's store for the
// backend finds (the sessions table of migration 1, in the layout that
// store keeps), but as a query like the app's others: on SQLite from the
// read pool, never queuing behind the writer as scs's sqlite3store, which
// has one handle, would.
func (d *DB) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	query := `SELECT data FROM sessions WHERE token = ? AND julianday('now') < expiry`
	if d.Backend() == PostgreSQL {
		query = `SELECT data FROM sessions WHERE token = ? AND current_timestamp < expiry`
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
