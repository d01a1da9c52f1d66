package checkout

import (
	"context"
	"errors"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// claimFirstStaff is EnsureFirstStaff once staff exist. The first
// account is the one the app's first start created (db.FirstStaff: the
// oldest, whatever its email, for PUBLIC_URL's host may have changed
// since; added_by "first start", or ” when made before that was
// recorded). While it still has the one-time password it was created
// with — nobody has signed in with it and chosen their own, nor been
// given another — the one printed at the first start may have been lost
// with that start's log: password (ADMIN_PASSWORD), if given, replaces
// it (Replaced; the account need not change it, as when created with it);
// else the account is reported Unclaimed, for the start's log to say how
// to get in. Otherwise the account is left alone, and a password given
// that is not already the account's is reported Ignored, with why.
func (s *Service) claimFirstStaff(ctx context.Context, password string) (FirstStaff, error) {
	st, err := s.db.FirstStaff(ctx)
	if errors.Is(err, db.ErrNotFound) {
		if password != "" {
			return FirstStaff{Ignored: "the first staff account was removed; " + ignoredHelp}, nil
		}
		return FirstStaff{}, nil
	}
	if err != nil {
		return FirstStaff{}, err
	}
	first := st.AddedBy == FirstStart || st.AddedBy == "" // "": before migration 35
	if first && st.MustChange && st.SessionEpoch == 0 {
		return s.replaceOneTime(ctx, st, password)
	}
	if password == "" || bcrypt.CompareHashAndPassword(st.PasswordHash, []byte(password)) == nil {
		return FirstStaff{}, nil // nothing asked, or the password is the account's already
	}
	why := "the first staff account's one-time password was already replaced (by ADMIN_PASSWORD at an earlier start, by its owner's own, or by a new one staff issued)"
	switch {
	case !first:
		why = "no first staff account was found (the oldest account was added by staff)"
	case !st.MustChange && st.SessionEpoch == 0:
		why = "the first staff account was created with ADMIN_PASSWORD, and the one set now differs"
	}
	return FirstStaff{Email: st.Email, Ignored: why + "; ADMIN_PASSWORD only replaces a one-time password never used. " + ignoredHelp}, nil
}

// ignoredHelp is how to get in when ADMIN_PASSWORD cannot help.
const ignoredHelp = "To get into an account whose password is lost: another staff member issues a new one-time password at /admin/staff, " +
	"or, on the server, run `antom-checkout staff reset EMAIL` with the service's DATA_DIR or DATABASE_URL (README.md, Staff accounts)"

// replaceOneTime replaces the first account's unused one-time password
// with password (ADMIN_PASSWORD), or reports it Unclaimed without one.
func (s *Service) replaceOneTime(ctx context.Context, st db.Staff, password string) (FirstStaff, error) {
	if password == "" {
		return FirstStaff{Email: st.Email, Unclaimed: true}, nil
	}
	if msg := AdminPasswordProblem(password, st.Email); msg != "" {
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
	return FirstStaff{Email: st.Email, Replaced: true}, nil
}
