package db

import (
	"context"
	"fmt"
	"time"
)

// Card statuses.
const (
	CardActive  = "ACTIVE"
	CardRemoved = "REMOVED"
)

// Card is a kept card: Antom's card token (sealed) and what buyers
// recognise it by. No card number is ever stored.
type Card struct {
	ID          int64
	BuyerID     int64
	TokenSealed []byte
	TokenHash   string
	Brand       string
	Last4       string
	ExpiryMonth string
	ExpiryYear  string
	Status      string
	CreatedAt   time.Time
	// ReplacedBy is the card kept since that is the same card (brand,
	// last four digits, expiry: ReplaceSameCard), this one REMOVED for it;
	// 0 for none.
	ReplacedBy int64
	// RemovedBy is who removed it (RemoveCard's by: "buyer <email>" or
	// "staff <email>"); "" while it is active, when it was replaced, or
	// when it was removed before this was recorded.
	RemovedBy string
	// RemovedAt is when it was removed or replaced; zero while it is
	// active, and for a card removed before this was recorded
	// (migration 32).
	RemovedAt time.Time
}

const cardColumns = `id, buyer_id, token_sealed, token_hash, brand, last4, expiry_month, expiry_year, status, created_at, replaced_by, removed_by, removed_at`

func scanCard(row scanner) (Card, error) {
	var c Card
	var created, removed string
	err := row.Scan(&c.ID, &c.BuyerID, &c.TokenSealed, &c.TokenHash, &c.Brand, &c.Last4, &c.ExpiryMonth,
		&c.ExpiryYear, &c.Status, &created, &c.ReplacedBy, &c.RemovedBy, &removed)
	c.CreatedAt, c.RemovedAt = parseTime(created), parseTime(removed)
	return c, err
}

// KeepCard stores a card for a buyer; keeping the same token again
// changes nothing.
func (q *Queries) KeepCard(ctx context.Context, c Card) error {
	_, err := q.q.ExecContext(ctx, `INSERT INTO cards (buyer_id, token_sealed, token_hash, brand, last4,
		expiry_month, expiry_year, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)
		ON CONFLICT (buyer_id, token_hash) DO NOTHING`,
		c.BuyerID, c.TokenSealed, c.TokenHash, c.Brand, c.Last4, c.ExpiryMonth, c.ExpiryYear,
		formatTime(c.CreatedAt), formatTime(c.CreatedAt))
	if err != nil {
		return fmt.Errorf("db: keep card: %w", err)
	}
	return nil
}

// CardByID returns a card; ErrNotFound if there is none.
func (q *Queries) CardByID(ctx context.Context, id int64) (Card, error) {
	return queryOne(ctx, q.q, "card", scanCard, `SELECT `+cardColumns+` FROM cards WHERE id = ?`, id)
}

// BuyerCards returns a buyer's cards in the given statuses, newest first.
// A read of one buyer's few rows by index (cards_buyer_token_idx), on
// every signed-in checkout page: it does not watch the request's
// cancellation (lookup).
func (q *Queries) BuyerCards(ctx context.Context, buyerID int64, statuses ...string) ([]Card, error) {
	args := appendArgs([]any{buyerID}, statuses...)
	return queryAll(lookup(ctx), q.q, "cards", scanCard, `SELECT `+cardColumns+` FROM cards WHERE buyer_id = ? AND status IN (`+
		placeholders(len(statuses))+`) ORDER BY id DESC`, args...)
}

// RemoveCard forgets an active card's token and records who removed it
// (by: "buyer <email>" or "staff <email>") and when (now). False if it
// was not active.
func (q *Queries) RemoveCard(ctx context.Context, id int64, by string, now time.Time) (bool, error) {
	return q.changed(ctx, "remove card", `UPDATE cards SET status = 'REMOVED', token_sealed = NULL, removed_by = ?,
		removed_at = ?, updated_at = ? WHERE id = ? AND status = 'ACTIVE'`, by, formatTime(now), formatTime(now), id)
}
