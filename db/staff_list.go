package db

import (
	"context"
	"time"
)

// StaffAccount is a staff account as the staff page lists it, removed
// ones too.
type StaffAccount struct {
	ID         int64
	Email      string
	AddedBy    string    // a staff email, "first start", or "" (not recorded)
	CreatedAt  time.Time // when it was added
	LastSignin time.Time // zero when none was recorded
	RemovedAt  time.Time // zero while it is active
	RemovedBy  string    // the staff email that removed it; "" while active
	// SessionEpoch is Staff.SessionEpoch: a confirm page that shows it
	// can tell whether the password was replaced since.
	SessionEpoch int64
}

// Removed says whether the account was removed.
func (s StaffAccount) Removed() bool { return !s.RemovedAt.IsZero() }

// StaffAccounts lists every staff account: the active ones first, in
// the order they were added, then the removed ones, the latest removed
// first.
func (q *Queries) StaffAccounts(ctx context.Context) ([]StaffAccount, error) {
	return queryAll(ctx, q.q, "staff accounts", func(row scanner) (StaffAccount, error) {
		var s StaffAccount
		var created, signin, removed string
		err := row.Scan(&s.ID, &s.Email, &s.AddedBy, &created, &signin, &removed, &s.RemovedBy, &s.SessionEpoch)
		s.CreatedAt, s.LastSignin, s.RemovedAt = parseTime(created), parseTime(signin), parseTime(removed)
		return s, err
	}, `SELECT id, email, added_by, created_at, last_signin_at, removed_at, removed_by, session_epoch FROM staff
		ORDER BY CASE WHEN `+activeStaff+` THEN 0 ELSE 1 END, removed_at DESC, id`)
}
