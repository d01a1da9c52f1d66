package checkout

import (
	"context"
	"errors"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// NewStaff is the account AddStaff made, with its one-time password:
// shown once, to the staff member who added it, and kept nowhere else
// (only its hash is stored; neither log nor timeline has it).
type NewStaff struct {
	ID       int64
	Email    string
	Password string
}

// AddStaff adds a staff account for email (trimmed, lower-cased) on
// behalf of by, the signed-in staff member, with a random one-time
// password that its owner must change at their first sign-in. A blank
// or malformed email, or one an account has (a removed one too: its id
// stays its own), is an *InputError on "email", and nothing is stored.
// A by no longer active (removed meanwhile) is a *ConflictError.
func (s *Service) AddStaff(ctx context.Context, by Staff, email string) (NewStaff, error) {
	email = normalizeEmail(email)
	if msg := staffEmailProblem(email); msg != "" {
		return NewStaff{}, fieldError("email", msg)
	}
	password, err := oneTimePassword()
	if err != nil {
		return NewStaff{}, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.opts.PasswordCost)
	if err != nil {
		return NewStaff{}, err
	}
	var id int64
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		if err := stillStaff(ctx, q, by); err != nil {
			return err
		}
		id, err = q.InsertStaff(ctx, db.Staff{Email: email, PasswordHash: hash, MustChange: true, AddedBy: by.Email, CreatedAt: s.now()})
		if err != nil {
			return err
		}
		s.recordBy(ctx, q, staffSubject(id), EventStaff, by.Email, "added staff account "+email+" with a one-time password")
		return nil
	})
	if errors.Is(err, db.ErrDuplicate) {
		return NewStaff{}, s.duplicateStaff(ctx, email)
	}
	if err != nil {
		return NewStaff{}, err
	}
	return NewStaff{ID: id, Email: email, Password: password}, nil
}

// staffEmailProblem says what is wrong with a new staff member's email
// (normalised), in staff's words, or "".
func staffEmailProblem(email string) string {
	if msg := plainLine(email, "the email"); msg != "" {
		return msg
	}
	switch checkEmail(email) {
	case "auth.email_empty":
		return "Enter the new staff member's email."
	case "auth.email_invalid":
		return "Enter an email address such as name@example.com."
	}
	return ""
}

// duplicateStaff is the field error for an email an account has.
func (s *Service) duplicateStaff(ctx context.Context, email string) error {
	accounts, err := s.db.StaffAccounts(ctx)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		if strings.EqualFold(a.Email, email) && a.Removed() {
			return fieldError("email", email+" had a staff account, removed on "+a.RemovedAt.UTC().Format("2 Jan 2006")+
				" by "+a.RemovedBy+". A removed account cannot be added again: use another email.")
		}
	}
	return fieldError("email", email+" already has a staff account.")
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
