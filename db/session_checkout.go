package db

import (
	"context"
	"errors"
)

// checkoutRead is a checkout page's order, read in the same statement as
// the request's session (FindSession), for CheckoutOrderByRef to take
// once. It belongs to one request, whose handlers run one after another:
// it needs no lock.
type checkoutRead struct {
	ref   string
	tried bool // FindSession has run
	found bool // it read the order (row, or err ErrNotFound)
	taken bool // CheckoutOrderByRef has taken it
	row   orderAndAttemptRow[CheckoutAttempt]
	err   error
}

type checkoutReadKey struct{}

// WithCheckoutRead returns ctx in which the first FindSession also reads
// the order ref and what the checkout page shows of the attempt that
// speaks for it (CheckoutOrderByRef's columns), in the same statement: on
// SQLite one read transaction instead of two, on PostgreSQL one round
// trip. The first CheckoutOrderByRef of ref outside a transaction then
// takes that read instead of its own; any later one reads afresh. Nothing
// is kept beyond ctx: a checkout page view reads its order once, as it
// loads its session.
func WithCheckoutRead(ctx context.Context, ref string) context.Context {
	if !IsText(ref) {
		return ctx // no order has it: CheckoutOrderByRef answers ErrNotFound
	}
	return context.WithValue(ctx, checkoutReadKey{}, &checkoutRead{ref: ref})
}

func checkoutReadOf(ctx context.Context) *checkoutRead {
	r, _ := ctx.Value(checkoutReadKey{}).(*checkoutRead)
	return r
}

// take reports whether the read of ref is there to take, and takes it.
func (r *checkoutRead) take(ref string) bool {
	if !r.found || r.taken || r.ref != ref {
		return false
	}
	r.taken = true
	return true
}

// The session (NULL if none) beside checkoutOrderAttempt's columns.
var (
	sessionCheckoutSQLite   = `SELECT (` + sessionSQLite + `), ` + checkoutOrderAttempt.columns + orderAttemptFrom
	sessionCheckoutPostgres = `SELECT (` + sessionPostgres + `), ` + checkoutOrderAttempt.columns + orderAttemptFrom
)

// sessionAndCheckoutOrder reads the session under token and r's order in
// one statement, and leaves the order in r. ErrNotFound: there is no such
// order (and the session is not read).
func (d *DB) sessionAndCheckoutOrder(ctx context.Context, token string, r *checkoutRead) ([]byte, bool, error) {
	query := sessionCheckoutSQLite
	if d.Backend() == PostgreSQL {
		query = sessionCheckoutPostgres
	}
	var data []byte
	row, err := queryOne(lookup(ctx), d.Queries.q, "find session and checkout order", func(row scanner) (orderAndAttemptRow[CheckoutAttempt], error) {
		return checkoutOrderAttempt.scan(sessionFirst{row, &data})
	}, query, token, r.ref)
	if errors.Is(err, ErrNotFound) {
		r.found, r.err = true, ErrNotFound
		return nil, false, ErrNotFound
	}
	if err != nil {
		return nil, false, err
	}
	r.found, r.row = true, row
	return data, data != nil, nil
}

// sessionFirst scans a row whose first column is a session's data (NULL:
// none) into data, and the rest into the destinations Scan is given.
type sessionFirst struct {
	row  scanner
	data *[]byte
}

func (s sessionFirst) Scan(dest ...any) error {
	all := make([]any, 0, 1+len(dest))
	return s.row.Scan(append(append(all, s.data), dest...)...)
}
