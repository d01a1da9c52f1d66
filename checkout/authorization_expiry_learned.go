package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
)

// learnAuthExpiry records authExpires (a notification's authExpiryTime)
// on successful attempt a when its expiry is not known yet: the pay
// answer that settled it may not have said (API.md §5.2 lists
// authExpiryTime among pay's fields, but a kept card's answer can come
// without it), and without it the reconciler never closes the order
// when the hold lapses (expireAuthorizations) and staff see no "capture
// before". What was recorded first stands. It returns the words the
// notification's line adds, "" when it learned nothing.
func (s *Service) learnAuthExpiry(ctx context.Context, q *db.Queries, a db.Attempt, authExpires time.Time) (string, error) {
	if a.Status != db.AttemptSuccess || !a.AuthExpiresAt.IsZero() || authExpires.IsZero() {
		return "", nil
	}
	learned, err := q.LearnAuthExpiry(ctx, a.ID, authExpires, s.now())
	if err != nil || !learned {
		return "", err
	}
	return "the authorization's expiry, which the pay answer had not given, recorded from it: capture before " +
		authExpires.UTC().Format(staffTime), nil
}
