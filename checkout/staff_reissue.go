package checkout

import (
	"context"

	"antom-checkout/db"
)

// StaffToReissue returns account id for by to confirm a new one-time
// password for it: ErrNotFound when there is none; a *ConflictError when
// by may not (ReissueStaffPassword's refusals). Nothing changes.
func (s *Service) StaffToReissue(ctx context.Context, by Staff, id int64) (StaffAccount, error) {
	return staffToReissue(ctx, s.db.Queries, by, id)
}

// ReissueStaffPassword gives account id a new random one-time password on
// behalf of by, the signed-in staff member, for its owner who lost theirs,
// provided the account's SessionEpoch is still epoch, the value the
// confirmation was asked at (StaffToReissue):
// the old password no longer signs in, the owner must choose their own at
// the next sign-in, and every session of the account ends at its next
// request, on every instance (SessionEpoch). The password is returned to
// be shown once, to by; only its hash is stored, and the timeline says
// who issued one, never the password. The failed sign-ins counted for
// the account's email are cleared (clearStaffFailures), so that a member
// locked out by them signs in with the new password at once
// (NewStaff.Unlocked says whether they were locked out). Refused, as a *ConflictError and
// with nothing changed: one's own account (changed on the password page
// instead), a removed account, any reissue by an account removed
// meanwhile, and a confirmation whose epoch is no longer the account's —
// the same confirmation sent again (Reload), or one after another staff
// member's reissue or the member's own change — so that a password
// already handed over is never replaced unasked. ErrNotFound when there
// is no account id.
func (s *Service) ReissueStaffPassword(ctx context.Context, by Staff, id, epoch int64) (NewStaff, error) {
	password, hash, err := s.newOneTimePassword()
	if err != nil {
		return NewStaff{}, err
	}
	out := NewStaff{ID: id, Password: password}
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		a, err := staffToReissue(ctx, q, by, id)
		if err != nil {
			return err
		}
		replaced := &ConflictError{Message: a.Email + "'s password was replaced since that confirmation was shown (a new one-time password was issued, or they changed it): nothing was done. If they still need one, issue it again."}
		if a.SessionEpoch != epoch {
			return replaced
		}
		ok, err := q.ReissueStaffPassword(ctx, id, epoch, hash, s.now())
		if err != nil {
			return err
		}
		if !ok {
			return replaced
		}
		if out.Unlocked, err = s.clearStaffFailures(ctx, q, a.Email); err != nil {
			return err
		}
		out.Email = a.Email
		what := "issued a new one-time password for " + a.Email
		if out.Unlocked {
			what += "; their sign-in lockout (too many failed sign-ins) was lifted"
		}
		s.recordBy(ctx, q, staffSubject(id), EventStaff, by.Email, what)
		return nil
	})
	if err != nil {
		return NewStaff{}, err
	}
	return out, nil
}

// staffToReissue checks that by, still active, may issue a new one-time
// password for id (staffToActOn).
func staffToReissue(ctx context.Context, q *db.Queries, by Staff, id int64) (StaffAccount, error) {
	return staffToActOn(ctx, q, by, id,
		"You cannot issue a new one-time password for your own account: change your password on the Password page.",
		func(a StaffAccount) string {
			return a.Email + " was removed, by " + a.RemovedBy + ": a removed account gets no new password."
		})
}
