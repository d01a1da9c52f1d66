package checkout

import (
	"context"
	"errors"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// claimFirstStaff is EnsureFirstStaff once staff exist. While the first
// account (email) still has the one-time password it was created with —
// nobody has signed in with it and chosen their own, nor been given
// another — the one printed at the first start may have been lost with
// that start's log: password (ADMIN_PASSWORD), if given, replaces it
// (Replaced; the account need not change it, as when created with it);
// else the account is reported Unclaimed, for the start's log to say
// how to get in. Any other account, or a first one claimed since, is
// left alone.
func (s *Service) claimFirstStaff(ctx context.Context, email, password string) (FirstStaff, error) {
	st, err := s.db.StaffByEmail(ctx, email)
	if errors.Is(err, db.ErrNotFound) {
		return FirstStaff{}, nil
	}
	if err != nil {
		return FirstStaff{}, err
	}
	if st.AddedBy != FirstStart || !st.MustChange || st.SessionEpoch != 0 {
		return FirstStaff{}, nil
	}
	if password == "" {
		return FirstStaff{Email: email, Unclaimed: true}, nil
	}
	if msg := StaffPasswordProblem(password); msg != "" {
		return FirstStaff{}, errors.New("ADMIN_PASSWORD: " + msg)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.opts.PasswordCost)
	if err != nil {
		return FirstStaff{}, err
	}
	_, replaced, err := s.db.SetStaffPassword(ctx, st.ID, st.PasswordHash, hash, s.now())
	if err != nil || !replaced {
		return FirstStaff{}, err // not replaced: another instance starting did it a moment ago
	}
	s.recordBy(ctx, nil, staffSubject(st.ID), EventStaff, "system",
		"the first staff account's one-time password, never used, replaced from ADMIN_PASSWORD")
	return FirstStaff{Email: email, Replaced: true}, nil
}
