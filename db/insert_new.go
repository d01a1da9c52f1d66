package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// insertNew runs query, an INSERT … ON CONFLICT DO NOTHING RETURNING id,
// and returns the new row's id, or ErrDuplicate when a unique value is
// taken (what names the insert in other errors). A taken value is an
// answer of the normal course — two tabs paying one order, an email
// signed up with before, instances starting together — so the insert
// does nothing rather than fail: PostgreSQL's log has no ERROR for it,
// and a transaction it runs in goes on (a failed statement would end it).
func insertNew(ctx context.Context, q querier, what, query string, args ...any) (int64, error) {
	id, err := insertID(ctx, q, query, args...)
	switch {
	case errors.Is(err, sql.ErrNoRows) || isUniqueViolation(err):
		return 0, ErrDuplicate
	case err != nil:
		return 0, fmt.Errorf("db: %s: %w", what, err)
	}
	return id, nil
}
