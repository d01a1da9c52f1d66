package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// What a SealedSample was sealed as.
const (
	SealedAccessToken  = "access token"
	SealedCardToken    = "card token"
	SealedNotification = "notification body"
)

// SealedSample is one stored sealed value and what it is.
type SealedSample struct {
	Kind   string // SealedAccessToken, SealedCardToken or SealedNotification
	Sealed []byte
}

// NewestSealed returns the newest sealed value stored: a wallet's access
// token, else a kept card's token, else a notification body. found is
// false when nothing sealed is stored yet.
func (q *Queries) NewestSealed(ctx context.Context) (s SealedSample, found bool, err error) {
	for _, c := range []struct{ kind, query string }{
		{SealedAccessToken, `SELECT access_token_sealed FROM wallets WHERE access_token_sealed IS NOT NULL ORDER BY id DESC LIMIT 1`},
		{SealedCardToken, `SELECT token_sealed FROM cards WHERE token_sealed IS NOT NULL ORDER BY id DESC LIMIT 1`},
		{SealedNotification, `SELECT body_sealed FROM notifications WHERE body_sealed IS NOT NULL ORDER BY id DESC LIMIT 1`},
	} {
		var sealed []byte
		err := q.q.QueryRowContext(ctx, c.query).Scan(&sealed)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return SealedSample{}, false, fmt.Errorf("db: newest sealed %s: %w", c.kind, err)
		}
		return SealedSample{Kind: c.kind, Sealed: sealed}, true, nil
	}
	return SealedSample{}, false, nil
}
