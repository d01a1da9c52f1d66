package db

import (
	"context"
	"time"
)

// LearnAuthExpiry records authExpires as the authorization expiry of
// successful attempt id whose expiry is not known yet (its answer did
// not say; a later notification does). False if the attempt is not
// successful or its expiry is already known: what was recorded first
// stands.
func (q *Queries) LearnAuthExpiry(ctx context.Context, id int64, authExpires, now time.Time) (bool, error) {
	return q.changed(ctx, "learn auth expiry", `UPDATE payment_attempts SET auth_expires_at = ?, updated_at = ?
		WHERE id = ? AND status = ? AND auth_expires_at = ''`, formatTime(authExpires), formatTime(now), id, AttemptSuccess)
}
