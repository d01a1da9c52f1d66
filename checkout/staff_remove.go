package checkout

import (
	"context"

	"antom-checkout/db"
)

// StaffToRemove returns the account id for by to confirm its removal:
// ErrNotFound when there is none; a *ConflictError when by may not
// remove it (RemoveStaff's refusals). Nothing changes.
func (s *Service) StaffToRemove(ctx context.Context, by Staff, id int64) (StaffAccount, error) {
	return staffToRemove(ctx, s.db.Queries, by, id)
}

// RemoveStaff removes account id on behalf of by, the signed-in staff
// member: it can no longer sign in, and every session of it ends at its
// next request, on every instance (the session is checked against the
// database on each request). Refused, as a *ConflictError and with
// nothing changed: one's own account, an account already removed, and
// any removal by an account removed meanwhile — so the last active
// account is never removed, even by two staff removing each other at
// once. ErrNotFound when there is no account id. It returns the removed
// account's email.
func (s *Service) RemoveStaff(ctx context.Context, by Staff, id int64) (string, error) {
	var email string
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		a, err := staffToRemove(ctx, q, by, id)
		if err != nil {
			return err
		}
		ok, err := q.RemoveStaff(ctx, id, by.Email, s.now())
		if err != nil {
			return err
		}
		if !ok {
			return &ConflictError{Message: a.Email + " is the only staff account left: it was not removed."}
		}
		email = a.Email
		s.recordBy(ctx, q, staffSubject(id), EventStaff, by.Email, "removed staff account "+a.Email)
		return nil
	})
	return email, err
}

// staffToRemove checks that by, still active, may remove id
// (staffToActOn).
func staffToRemove(ctx context.Context, q *db.Queries, by Staff, id int64) (StaffAccount, error) {
	return staffToActOn(ctx, q, by, id, "You cannot remove your own account: another staff member can.",
		func(a StaffAccount) string { return a.Email + " was already removed, by " + a.RemovedBy + "." })
}

// staffToActOn returns the active account id that by — still active
// itself (stillStaff) — acts on, read through q: a *ConflictError saying
// own when id is by's own account, removed's words when it was removed
// (with the account), ErrNotFound when there is no such account.
func staffToActOn(ctx context.Context, q *db.Queries, by Staff, id int64, own string, removed func(StaffAccount) string) (StaffAccount, error) {
	if id == by.ID {
		return StaffAccount{}, &ConflictError{Message: own}
	}
	if err := stillStaff(ctx, q, by); err != nil {
		return StaffAccount{}, err
	}
	accounts, err := q.StaffAccounts(ctx)
	if err != nil {
		return StaffAccount{}, err
	}
	for _, a := range accounts {
		if a.ID != id {
			continue
		}
		if a.Removed() {
			return a, &ConflictError{Message: removed(a)}
		}
		return a, nil
	}
	return StaffAccount{}, ErrNotFound
}
