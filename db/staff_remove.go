package db

import (
	"context"
	"time"
)

// RemoveStaff removes the active account id, by the staff email by, at
// now: it can no longer sign in, and its sessions end at their next
// request (StaffByID no longer finds it). The row stays, so that its id
// is never another account's. It reports false, changing nothing, when
// the account is not active or is the only active one: there is always
// an account left to sign in with. Run it in a transaction (DB.Tx) with
// the checks it follows, so that two removals cannot both pass them.
func (q *Queries) RemoveStaff(ctx context.Context, id int64, by string, now time.Time) (bool, error) {
	return q.changed(ctx, "remove staff", `UPDATE staff SET removed_at = ?, removed_by = ?, updated_at = ?
		WHERE id = ? AND `+activeStaff+` AND (SELECT COUNT(*) FROM staff WHERE `+activeStaff+`) > 1`,
		formatTime(now), by, formatTime(now), id)
}
