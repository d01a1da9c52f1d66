package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// scanner is what both *sql.Row and *sql.Rows offer.
type scanner interface {
	Scan(dest ...any) error
}

// queryEach runs a query and hands every row to each. what names the
// query in errors.
func queryEach(ctx context.Context, q querier, what string, each func(scanner) error, query string, args ...any) error {
	if c, ok := q.(conn); ok { // a transaction's first read goes with its BEGIN
		if sent, err := c.firstRead(ctx, query, args, each); sent {
			if err != nil {
				return fmt.Errorf("db: %s: %w", what, err)
			}
			return nil
		}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("db: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return fmt.Errorf("db: %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("db: %s: %w", what, err)
	}
	return nil
}

// queryAll runs a query and scans every row with scan. what names the
// query in errors.
func queryAll[T any](ctx context.Context, q querier, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	if err := queryEach(ctx, q, what, func(row scanner) error {
		v, err := scan(row)
		out = append(out, v)
		return err
	}, query, args...); err != nil {
		return nil, err
	}
	return out, nil
}

// queryMap runs a query and scans every row with scan into a key and its
// value; a later row's value replaces an earlier one's of the same key.
// what names the query in errors.
func queryMap[K comparable, V any](ctx context.Context, q querier, what string, scan func(scanner) (K, V, error), query string, args ...any) (map[K]V, error) {
	out := map[K]V{}
	if err := queryEach(ctx, q, what, func(row scanner) error {
		k, v, err := scan(row)
		out[k] = v
		return err
	}, query, args...); err != nil {
		return nil, err
	}
	return out, nil
}

// queryOne runs a query for one row; ErrNotFound when there is none.
func queryOne[T any](ctx context.Context, q querier, what string, scan func(scanner) (T, error), query string, args ...any) (T, error) {
	v, sent, err := firstOf(ctx, q, scan, query, args) // a transaction's first read goes with its BEGIN
	if !sent {
		v, err = scan(q.QueryRowContext(ctx, query, args...))
	}
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, ErrNotFound
	}
	if err != nil {
		var zero T
		return zero, fmt.Errorf("db: %s: %w", what, err)
	}
	return v, nil
}

// lookup is ctx for a read of one row by its key, which takes
// microseconds: without the request's cancellation (its values kept),
// since watching it costs every query two goroutines — database/sql's
// for the rows and the driver's to interrupt the statement — more than
// the read itself. A deadline, if ctx has one, still bounds it.
func lookup(ctx context.Context) context.Context {
	if _, ok := ctx.Deadline(); ok {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// placeholders is the ? of an IN (…) list of n values; NULL (which
// matches nothing) for none.
func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// maxChunk is the most rows rowChunks puts in one statement.
const maxChunk = 64

// rowChunks splits n rows, in order, into runs of 64, 32, 16, 8, 4, 2 or
// 1 rows (largest first): statements that write many rows then have
// one of seven texts whatever n is. On PostgreSQL pgx prepares each text
// once per connection (its statement cache) and PostgreSQL's plans for it
// settle; a text per row count was prepared anew, a round trip and a
// parse more, nearly every time a batch had a count its connection had
// not seen.
func rowChunks(n int) []int {
	var out []int
	for n > 0 {
		c := maxChunk
		for c > n {
			c /= 2
		}
		out = append(out, c)
		n -= c
	}
	return out
}

// paddedIn returns vs for an IN (…) list of a size that is a power of
// two (the last value repeated), so that a query reading a varying
// number of values has a few texts, not one per count (see rowChunks).
func paddedIn[T any](vs []T) []T {
	if len(vs) == 0 {
		return vs
	}
	size := 1
	for size < len(vs) {
		size *= 2
	}
	out := slices.Grow(slices.Clip(vs), size-len(vs))
	for len(out) < size {
		out = append(out, vs[len(vs)-1])
	}
	return out
}

// appendArgs appends vs to args, as the arguments of an IN (…) list.
func appendArgs[T any](args []any, vs ...T) []any {
	args = slices.Grow(args, len(vs))
	for _, v := range vs {
		args = append(args, v)
	}
	return args
}
