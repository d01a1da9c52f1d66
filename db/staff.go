package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Staff is a merchant staff account: separate from buyers, signed in at
// /admin. MustChange asks for a new password at the next sign-in (a
// one-time password: the first account's, or one staff added).
type Staff struct {
	ID           int64
	Email        string
	PasswordHash []byte
	MustChange   bool
	AddedBy      string // the staff email that added it; "first start"; "" when not recorded
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// SessionEpoch counts the password's replacements (ReissueStaffPassword,
	// SetStaffPassword): a session signed in at another value has ended.
	SessionEpoch int64
}

// activeStaff is the condition of an account that was not removed:
// only those sign in, and only their sessions count (StaffByID).
const activeStaff = `removed_at = ''`

// CountStaff counts staff accounts, removed ones too.
func (q *Queries) CountStaff(ctx context.Context) (int, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff`).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: count staff: %w", err)
	}
	return n, nil
}

// InsertStaff creates a staff account; ErrDuplicate when an active
// account has the email, in any case. The insert does nothing then, rather than fail:
// instances starting together each try to create the first account, and
// the ones that lose leave no error in PostgreSQL's log (nor end the
// transaction it runs in).
func (q *Queries) InsertStaff(ctx context.Context, s Staff) (int64, error) {
	return insertNew(ctx, q.q, "insert staff", `INSERT INTO staff (email, password_hash, must_change, added_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`, s.Email, s.PasswordHash, s.MustChange, s.AddedBy, formatTime(s.CreatedAt), formatTime(s.CreatedAt))
}

// StaffByEmail finds a staff account by email, case-insensitively;
// ErrNotFound for none, or a removed one.
func (q *Queries) StaffByEmail(ctx context.Context, email string) (Staff, error) {
	return q.staff(ctx, `WHERE email = ? AND `+activeStaff, email)
}

// StaffByID finds a staff account by id; ErrNotFound for none, or a
// removed one (whose sessions so end at their next request).
func (q *Queries) StaffByID(ctx context.Context, id int64) (Staff, error) {
	return q.staff(ctx, `WHERE id = ? AND `+activeStaff, id)
}

// FirstStaff finds the first staff account: the one with the lowest id,
// which the app's first start created in an empty table (accounts are
// never deleted, a removed one keeps its row); ErrNotFound when there is
// none, or it was removed. Whatever its email: PUBLIC_URL's host, which
// named it, may have changed since.
func (q *Queries) FirstStaff(ctx context.Context) (Staff, error) {
	return q.staff(ctx, `WHERE id = (SELECT MIN(id) FROM staff) AND `+activeStaff)
}

func (q *Queries) staff(ctx context.Context, where string, args ...any) (Staff, error) {
	var s Staff
	var created, updated string
	err := q.q.QueryRowContext(ctx, `SELECT id, email, password_hash, must_change, added_by, created_at, updated_at, session_epoch
		FROM staff `+where, args...).Scan(&s.ID, &s.Email, &s.PasswordHash, &s.MustChange, &s.AddedBy, &created, &updated, &s.SessionEpoch)
	if errors.Is(err, sql.ErrNoRows) {
		return Staff{}, ErrNotFound
	}
	if err != nil {
		return Staff{}, fmt.Errorf("db: staff: %w", err)
	}
	s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(updated)
	return s, nil
}

// SetStaffPassword replaces a staff password, provided the old hash is
// still the one stored (two changes at once cannot both win, nor a
// change and a new one-time password), clears MustChange and adds one to
// SessionEpoch, so that the account's other sessions end; it returns the
// new SessionEpoch, for the session that changed it to keep. ok is false,
// nothing changed, when the hash differs or the account is not active.
func (q *Queries) SetStaffPassword(ctx context.Context, id int64, oldHash, newHash []byte, now time.Time) (epoch int64, ok bool, err error) {
	err = q.q.QueryRowContext(ctx, `UPDATE staff SET password_hash = ?, must_change = 0,
		session_epoch = session_epoch + 1, updated_at = ?
		WHERE id = ? AND password_hash = ? AND `+activeStaff+` RETURNING session_epoch`,
		newHash, formatTime(now), id, oldHash).Scan(&epoch)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("db: set staff password: %w", err)
	}
	return epoch, true, nil
}

// ReissueStaffPassword gives the active account id a new one-time
// password (its hash), provided its SessionEpoch is still epoch (the
// value the confirmation was asked at: a second confirmation, or one
// after another replacement, changes nothing): MustChange is set, and
// SessionEpoch goes up by one, so that every session of the account ends
// at its next request. It reports false, changing nothing, when the
// account is not active or its SessionEpoch differs.
func (q *Queries) ReissueStaffPassword(ctx context.Context, id, epoch int64, hash []byte, now time.Time) (bool, error) {
	return q.changed(ctx, "reissue staff password", `UPDATE staff SET password_hash = ?, must_change = 1,
		session_epoch = session_epoch + 1, updated_at = ?
		WHERE id = ? AND session_epoch = ? AND `+activeStaff, hash, formatTime(now), id, epoch)
}

// NoteStaffSignin records at as the account's latest sign-in.
func (q *Queries) NoteStaffSignin(ctx context.Context, id int64, at time.Time) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE staff SET last_signin_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
		return fmt.Errorf("db: note staff sign-in: %w", err)
	}
	return nil
}
