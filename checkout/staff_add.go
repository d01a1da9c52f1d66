package checkout

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"antom-checkout/checkout/limits"
	"antom-checkout/db"
)

// NewStaff is the account AddStaff made, with its one-time password:
// shown once, to the staff member who added it, and kept nowhere else
// (only its hash is stored; neither log nor timeline has it).
type NewStaff struct {
	ID       int64
	Email    string
	Password string
	// AddedAgain: the email had an account that was removed (AddStaff);
	// this one is new, and the removed one stays as it was.
	AddedAgain bool
	// Unlocked: sign-ins with the email had failed often enough to lock
	// it out (SigninMaxFailures in SigninWindow), from some address; the
	// new password clears that (AddStaff, ReissueStaffPassword).
	Unlocked bool
}

// AddStaff adds a staff account for email (trimmed, lower-cased) on
// behalf of by, the signed-in staff member, with a random one-time
// password that its owner must change at their first sign-in. An email
// whose account was removed is added again as a new account — a new id,
// so that no session of the removed one counts for it; the removed row
// stays, with its history — and the failed sign-ins counted for the
// email are cleared (clearStaffFailures), as a new one-time password's
// are. A blank or malformed email, or one an active account has, is an
// *InputError on "email", and nothing is stored. A by no longer active
// (removed meanwhile) is a *ConflictError.
func (s *Service) AddStaff(ctx context.Context, by Staff, email string) (NewStaff, error) {
	email = normalizeEmail(email)
	if msg := staffEmailProblem(email); msg != "" {
		return NewStaff{}, fieldError("email", msg)
	}
	password, hash, err := s.newOneTimePassword()
	if err != nil {
		return NewStaff{}, err
	}
	out := NewStaff{Email: email, Password: password}
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		if err := stillStaff(ctx, q, by); err != nil {
			return err
		}
		if out.AddedAgain, err = hadRemovedAccount(ctx, q, email); err != nil {
			return err
		}
		out.ID, err = q.InsertStaff(ctx, db.Staff{Email: email, PasswordHash: hash, MustChange: true, AddedBy: by.Email, CreatedAt: s.now()})
		if err != nil {
			return err
		}
		if out.Unlocked, err = s.clearStaffFailures(ctx, q, email); err != nil {
			return err
		}
		what := "added staff account " + email + " with a one-time password"
		if out.AddedAgain {
			what = "added staff account " + email + " again (a new account; the removed one stays removed) with a one-time password"
		}
		s.recordBy(ctx, q, staffSubject(out.ID), EventStaff, by.Email, what)
		return nil
	})
	if errors.Is(err, db.ErrDuplicate) {
		// A form sent twice (no JavaScript to hold the second) lands here
		// after the first added it: its password was shown to the first
		// answer only, which the browser dropped.
		return NewStaff{}, fieldError("email", email+" already has a staff account. If you have just added it and saw no one-time password, "+
			"give it a New one-time password in the list below.")
	}
	if err != nil {
		return NewStaff{}, err
	}
	return out, nil
}

// hadRemovedAccount says whether email had an account that was removed.
func hadRemovedAccount(ctx context.Context, q *db.Queries, email string) (bool, error) {
	accounts, err := q.StaffAccounts(ctx)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(accounts, func(a StaffAccount) bool { return a.Removed() && normalizeEmail(a.Email) == email }), nil
}

// staffEmailProblem says what is wrong with a new staff member's email
// (normalised), in staff's words, or "". It is a buyer's rule
// (checkEmail: a domain with a dot) but for one domain without a dot,
// localDomain: the first account is admin@localhost when PUBLIC_URL's
// host is localhost or not a name (app.FirstStaffEmail), and its
// colleagues on such a set-up are clerk@localhost alike.
func staffEmailProblem(email string) string {
	if msg := plainLine(email, emailField); msg != "" {
		return msg
	}
	switch checkEmail(email) {
	case "":
		return ""
	case "auth.email_empty":
		return "Enter the new staff member's email."
	case "auth.email_long":
		return "Too long: an email address has at most " + strconv.Itoa(limits.Email) + " characters."
	}
	if localEmail(email) {
		return ""
	}
	return "Enter an email address such as name@example.com." // any other of checkEmail's refusals
}

// localDomain is the one domain without a dot a staff email may have.
const localDomain = "localhost"

// localEmail says whether email (normalised) is a well-formed address
// at localDomain ("clerk@localhost"): what checkEmail checks but the
// dot in its domain.
func localEmail(email string) bool {
	local, ok := strings.CutSuffix(email, "@"+localDomain)
	return ok && local != "" && checkEmail(local+"@"+localDomain+".test") == ""
}

// stillStaff refuses, as a *ConflictError, an action of by once by's own
// account was removed (by another staff member, a moment before).
func stillStaff(ctx context.Context, q *db.Queries, by Staff) error {
	_, err := q.StaffByID(ctx, by.ID)
	if errors.Is(err, db.ErrNotFound) {
		return &ConflictError{Message: "Your staff account was removed: nothing was done."}
	}
	return err
}
