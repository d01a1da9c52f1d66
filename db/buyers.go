package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound means no row matched.
var ErrNotFound = errors.New("db: not found")

// ErrDuplicate means a unique value (an email, a token) is taken.
var ErrDuplicate = errors.New("db: already exists")

// Buyer is a shopper's account.
type Buyer struct {
	ID           int64
	Email        string
	PasswordHash []byte
	CreatedAt    time.Time
	// Lang is the language the buyer last chose with the switcher while
	// signed in (a code of lang.Languages when it was stored; SetBuyerLang);
	// "" for none.
	Lang string
}

// InsertBuyer creates an account; ErrDuplicate when the email is taken.
func (q *Queries) InsertBuyer(ctx context.Context, email string, hash []byte, now time.Time) (int64, error) {
	return insertNew(ctx, q.q, "insert buyer", `INSERT INTO buyers (email, password_hash, created_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`, email, hash, formatTime(now))
}

// SetBuyerLang stores the language the buyer id chose (a code of
// lang.Languages, which the caller checked; "" forgets it: NULL);
// ErrNotFound when there is no such buyer.
func (q *Queries) SetBuyerLang(ctx context.Context, id int64, code string) error {
	res, err := q.q.ExecContext(ctx, `UPDATE buyers SET lang = ? WHERE id = ?`, sql.NullString{String: code, Valid: code != ""}, id)
	if err != nil {
		return fmt.Errorf("db: set buyer lang: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("db: set buyer lang: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// BuyerByEmail finds an account by email, case-insensitively.
func (q *Queries) BuyerByEmail(ctx context.Context, email string) (Buyer, error) {
	return q.buyer(ctx, `WHERE email = ?`, email)
}

// BuyerByID finds an account by id. Outside a transaction, in a request
// whose session FindSession has read together with the buyer it names
// (WithSessionBuyer), the first call for that buyer takes what that read
// found instead of reading again.
func (q *Queries) BuyerByID(ctx context.Context, id int64) (Buyer, error) {
	if q.tx == nil {
		if r := sessionBuyerOf(ctx); r != nil && r.take(id) {
			return r.buyer, nil
		}
	}
	return q.buyer(ctx, `WHERE id = ?`, id)
}

// buyer reads the account where says, by a key (id, email): a lookup,
// which does not watch the request's cancellation.
func (q *Queries) buyer(ctx context.Context, where string, arg any) (Buyer, error) {
	var b buyerRow
	err := q.q.QueryRowContext(lookup(ctx), `SELECT `+buyerColumns+` FROM buyers b `+where, arg).Scan(b.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return Buyer{}, ErrNotFound
	}
	if err != nil {
		return Buyer{}, fmt.Errorf("db: buyer: %w", err)
	}
	found, _ := b.buyer()
	return found, nil
}

// buyerColumns are a buyer's (b), as buyerRow scans them.
const buyerColumns = `b.id, b.email, b.password_hash, b.created_at, b.lang`

// buyerRow scans buyerColumns, NULL (a LEFT JOIN's none) included.
type buyerRow struct {
	id             sql.NullInt64
	email, created sql.NullString
	passwordHash   []byte
	lang           sql.NullString
}

func (r *buyerRow) dest() []any { return []any{&r.id, &r.email, &r.passwordHash, &r.created, &r.lang} }

// buyer is the buyer scanned, and whether there was one.
func (r *buyerRow) buyer() (Buyer, bool) {
	if !r.id.Valid {
		return Buyer{}, false
	}
	return Buyer{ID: r.id.Int64, Email: r.email.String, PasswordHash: r.passwordHash, CreatedAt: parseTime(r.created.String), Lang: r.lang.String}, true
}
