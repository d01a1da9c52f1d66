package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/db"
)

// ResetStaffPassword gives the active staff account email a new random
// one-time password, for an operator with the server's settings
// (`antom-checkout staff reset EMAIL`): the way back in when nobody can
// sign in to issue one at /admin/staff — the only account's own password
// lost. As a reissue by staff (ReissueStaffPassword): the old password no
// longer signs in, the owner must choose their own at the next sign-in,
// every session of the account ends at its next request, its failed
// sign-ins are cleared, and the timeline says an operator issued one,
// never the password. ErrNotFound when no active account has the email
// (ActiveStaffEmails lists those that do).
func (s *Service) ResetStaffPassword(ctx context.Context, email string) (NewStaff, error) {
	password, hash, err := s.newOneTimePassword()
	if err != nil {
		return NewStaff{}, err
	}
	out := NewStaff{Password: password}
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		st, err := findByEmail(ctx, email, q.StaffByEmail)
		if errors.Is(err, db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		ok, err := q.ReissueStaffPassword(ctx, st.ID, st.SessionEpoch, hash, s.now())
		if err != nil {
			return err
		}
		if !ok { // impossible inside the transaction, which holds the write lock
			return fmt.Errorf("checkout: reset %s: the account changed meanwhile", st.Email)
		}
		if out.Unlocked, err = s.clearStaffFailures(ctx, q, st.Email); err != nil {
			return err
		}
		out.ID, out.Email = st.ID, st.Email
		s.recordBy(ctx, q, staffSubject(st.ID), EventStaff, "operator",
			"issued a new one-time password for "+st.Email+" (antom-checkout staff reset, on the server)")
		return nil
	})
	if err != nil {
		return NewStaff{}, err
	}
	return out, nil
}

// ActiveStaffEmails lists the emails of the active staff accounts, in
// the order they were added.
func (s *Service) ActiveStaffEmails(ctx context.Context) ([]string, error) {
	all, err := s.db.StaffAccounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range all {
		if !a.Removed() {
			out = append(out, a.Email)
		}
	}
	return out, nil
}
