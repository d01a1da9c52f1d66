package db

import (
	"context"
	"fmt"
	"time"
)

// ReplaceSameCard keeps one of a buyer's cards that are the same card:
// the one whose token hash is tokenHash (just kept, so the newest) stays,
// and every other card of the buyer with its brand, last four digits and
// expiry — ACTIVE, or REMOVED earlier for another such card — is REMOVED,
// its token forgotten, with ReplacedBy naming the one that stays. Antom
// gives a new cardToken each time a card is kept and no lasting identity
// of the card, so those four facts are its identity; when any is unknown
// nothing is replaced (two cards are never taken for one). Nothing
// changes either when the card that would stay is not ACTIVE. Each card
// replaced records when (RemovedAt), once. It returns the ids of the
// cards it replaced, oldest first.
func (q *Queries) ReplaceSameCard(ctx context.Context, buyerID int64, tokenHash string, now time.Time) ([]int64, error) {
	keep, err := queryOne(ctx, q.q, "card", scanCard, `SELECT `+cardColumns+` FROM cards WHERE buyer_id = ? AND token_hash = ?`,
		buyerID, tokenHash)
	if err != nil {
		return nil, fmt.Errorf("db: replace same card: %w", err)
	}
	if keep.Status != CardActive || keep.Brand == "" || keep.Last4 == "" || keep.ExpiryMonth == "" || keep.ExpiryYear == "" {
		return nil, nil
	}
	same := `buyer_id = ? AND id != ? AND brand = ? AND last4 = ? AND expiry_month = ? AND expiry_year = ?
		AND (status = 'ACTIVE' OR replaced_by != 0)`
	args := []any{buyerID, keep.ID, keep.Brand, keep.Last4, keep.ExpiryMonth, keep.ExpiryYear}
	ids, err := queryAll(ctx, q.q, "cards", scanCardID, `SELECT id FROM cards WHERE `+same+` AND status = 'ACTIVE' ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("db: replace same card: %w", err)
	}
	// A card replaced before keeps its removal time and now points to the
	// newest.
	if _, err := q.q.ExecContext(ctx, `UPDATE cards SET status = 'REMOVED', token_sealed = NULL, replaced_by = ?,
		removed_at = CASE WHEN status = 'ACTIVE' THEN ? ELSE removed_at END, updated_at = ?
		WHERE `+same, append([]any{keep.ID, formatTime(now), formatTime(now)}, args...)...); err != nil {
		return nil, fmt.Errorf("db: replace same card: %w", err)
	}
	return ids, nil
}

func scanCardID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}
