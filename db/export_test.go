package db

import "context"

// Migrations exposes the schema's history to the external tests.
var Migrations = migrations

// OpenAt opens source with only its first upTo migrations run, as an
// earlier release left it; db.Open then runs the rest.
func OpenAt(ctx context.Context, source string, upTo int) (*DB, error) {
	return openAt(ctx, source, upTo)
}

// Q exposes the statements' runner of q (its transaction's, in DB.Tx),
// for tests that run hand-written SQL inside a transaction.
func (q *Queries) Q() Querier { return q.q }

// ReadSQL is a Read of hand-written SQL (its rows ignored), named what,
// for tests of Queries.Read.
func ReadSQL(what, query string) Read {
	return Read{what: what, query: query, row: func(scanner) error { return nil }}
}

// FormatTime is how the schema stores a time, for tests that write rows
// by hand.
var FormatTime = formatTime

// Conns reports how many connections d's pool of writes holds open, and
// how many of them are idle.
func (d *DB) Conns() (open, idle int) {
	s := d.sql.Stats()
	return s.OpenConnections, s.Idle
}
