package checkout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	passwordvalidator "github.com/wagslane/go-password-validator"
	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// Staff is a signed-in merchant staff member.
type Staff struct {
	ID         int64
	Email      string
	MustChange bool // signed in with a one-time password: choose a new one first
	// SessionEpoch counts the account's password replacements; a session
	// keeps the value it signed in with and has ended once they differ
	// (a new one-time password, a change made in another session).
	SessionEpoch int64
}

// StaffSubject names a staff account's timeline and hub subject. The hub
// hears it once the account's sessions may have ended (the account
// removed, a new one-time password, its password changed): its open
// pages look again at once.
func StaffSubject(id int64) string { return staffSubject(id) }

// StaffSignInSubject names one staff sign-in's hub subject (signIn: the
// random id its session keeps, across renewed session ids), published
// once that session has signed out: its open pages say so at once.
func StaffSignInSubject(signIn string) string { return "staff-signin:" + signIn }

const (
	// MinStaffPassword is the shortest staff password accepted, in
	// characters of a small script (Latin, digits, signs, kana, Thai…);
	// MinStaffPasswordWide of a large one (staffPasswordLength).
	MinStaffPassword     = 12
	MinStaffPasswordWide = 8
	// SigninMaxFailures failed sign-ins per email and address (an IPv6
	// /64 counts as one) within SigninWindow lock that pair out until the
	// window ends.
	SigninMaxFailures = 5
	SigninWindow      = 15 * time.Minute
	// StaffSigninPerAddress failed staff sign-ins from one client address
	// (an IPv6 /64 counts as one), for any emails, within SigninWindow:
	// past it, staff sign-in from there is refused until the window ends.
	// Without it, one address could try 5 passwords on every email it
	// can think of, each a bcrypt hash of the server's CPU.
	StaffSigninPerAddress = 20
)

// ThrottledError means too many sign-ins failed for this email from this
// address, or (AnyAccount) from this address: none is checked until
// RetryAt.
type ThrottledError struct {
	RetryAt    time.Time
	AnyAccount bool // staff: the address's limit, for every email (StaffSigninPerAddress)

	limit string // the key of the limit that set RetryAt (countTry)
}

func (e *ThrottledError) Error() string {
	return "checkout: too many tries; retry after " + e.RetryAt.UTC().Format(time.RFC3339)
}

// FirstStart is who added the first staff account (StaffAccount.AddedBy):
// the app's first start, not a staff member.
const FirstStart = "first start"

// PointFirstStaffInsert is where EnsureFirstStaff, having found no staff
// account, is about to create the first (TestHook).
const PointFirstStaffInsert = "first-staff-insert"

// FirstStaff is what EnsureFirstStaff did.
type FirstStaff struct {
	Created  bool
	Email    string
	Password string // the one-time password, when one was generated; shown once
	// Unclaimed: the first account was there already, still with the
	// one-time password it was created with (no ADMIN_PASSWORD to
	// replace it); Replaced: ADMIN_PASSWORD replaced that one.
	Unclaimed, Replaced bool
	// Ignored says why ADMIN_PASSWORD, set, was not applied (the first
	// account's one-time password was replaced since, …); "" otherwise.
	Ignored string
}

// EnsureFirstStaff creates the first staff account when there is none:
// with password if given (ADMIN_PASSWORD), else with a random one-time
// password that must be changed at the first sign-in. With staff already
// present it creates nothing (there is no default password, ever), but
// while the first account still has its one-time password
// (claimFirstStaff) it reports it, or replaces it with password.
func (s *Service) EnsureFirstStaff(ctx context.Context, email, password string) (FirstStaff, error) {
	n, err := s.db.CountStaff(ctx)
	if err != nil {
		return FirstStaff{}, err
	}
	if n > 0 {
		return s.claimFirstStaff(ctx, password)
	}
	email = normalizeEmail(email)
	given := password // ADMIN_PASSWORD, "" if unset
	mustChange := password == ""
	if mustChange {
		if password, err = oneTimePassword(); err != nil {
			return FirstStaff{}, err
		}
	} else if msg := AdminPasswordProblem(password, email); msg != "" {
		return FirstStaff{}, errors.New("ADMIN_PASSWORD: " + msg)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.opts.PasswordCost)
	if err != nil {
		return FirstStaff{}, err
	}
	s.hit(PointFirstStaffInsert)
	id, err := s.db.InsertStaff(ctx, db.Staff{Email: email, PasswordHash: hash, MustChange: mustChange, AddedBy: FirstStart, CreatedAt: s.now()})
	if errors.Is(err, db.ErrDuplicate) {
		// Another instance starting created it a moment ago: as at any
		// later start, say whether its one-time password is still unused.
		return s.claimFirstStaff(ctx, given)
	}
	if err != nil {
		return FirstStaff{}, err
	}
	how := "from ADMIN_PASSWORD"
	if mustChange {
		how = "with a one-time password"
	}
	s.recordBy(ctx, nil, staffSubject(id), EventStaff, "system", "first staff account created "+how)
	out := FirstStaff{Created: true, Email: email}
	if mustChange {
		out.Password = password
	}
	return out, nil
}

// oneTimePassword is 20 random characters in groups of five (100 bits).
func oneTimePassword() (string, error) {
	raw, err := newRef("", 20)
	if err != nil {
		return "", err
	}
	return raw[0:5] + "-" + raw[5:10] + "-" + raw[10:15] + "-" + raw[15:20], nil
}

// newOneTimePassword is a new one-time password (oneTimePassword) and
// its bcrypt hash at Options.PasswordCost: what adding a staff account,
// reissuing its password and the operator's reset each store and show
// once.
func (s *Service) newOneTimePassword() (password string, hash []byte, err error) {
	if password, err = oneTimePassword(); err != nil {
		return "", nil, err
	}
	hash, err = bcrypt.GenerateFromPassword([]byte(password), s.opts.PasswordCost)
	return password, hash, err
}

// StaffSignIn checks a staff email and password. Each try counts as a
// failure until the password is found right, so that concurrent guesses
// are bounded too; past SigninMaxFailures in SigninWindow for this email
// from this address, or StaffSigninPerAddress from this address for any
// emails (an IPv6 /64 counts as one address), it refuses without
// looking, even the right password.
func (s *Service) StaffSignIn(ctx context.Context, typed, password, clientAddr string) (Staff, error) {
	email := normalizeEmail(typed)
	addr := networkOf(clientAddr)
	key := staffSigninKey(email) + addr
	byAddr := limit{key: "staff|addr:" + addr, max: StaffSigninPerAddress, window: SigninWindow}
	if err := s.countTry(ctx, limit{key: key, max: SigninMaxFailures, window: SigninWindow}, byAddr); err != nil {
		var throttled *ThrottledError
		if errors.As(err, &throttled) {
			throttled.AnyAccount = throttled.limit == byAddr.key
		}
		return Staff{}, err
	}
	st, err := findByEmail(ctx, typed, s.db.StaffByEmail)
	if errors.Is(err, db.ErrNotFound) {
		bcrypt.CompareHashAndPassword(s.dummyHash(), []byte(password)) // the same time whether or not the email exists
		return Staff{}, ErrBadCredentials
	}
	if err != nil {
		return Staff{}, err
	}
	if bcrypt.CompareHashAndPassword(st.PasswordHash, []byte(password)) != nil {
		return Staff{}, ErrBadCredentials
	}
	// The pair's count starts again; the address keeps its failures, only
	// this try is taken back.
	if err := s.db.ClearSigninFailures(ctx, key); err != nil {
		return Staff{}, err
	}
	if err := s.db.UncountSigninFailure(ctx, byAddr.key); err != nil {
		return Staff{}, err
	}
	if err := s.db.NoteStaffSignin(ctx, st.ID, s.now()); err != nil {
		return Staff{}, err
	}
	s.recordBy(ctx, nil, staffSubject(st.ID), EventStaff, st.Email, "signed in from "+clientAddr)
	return staffOfRow(st), nil
}

// staffOfRow is the signed-in view of a staff account.
func staffOfRow(st db.Staff) Staff {
	return Staff{ID: st.ID, Email: st.Email, MustChange: st.MustChange, SessionEpoch: st.SessionEpoch}
}

// staffSigninKey is the start of the throttle's keys of a staff email
// (normalised): one key per address, "email|address".
func staffSigninKey(email string) string { return email + "|" }

// clearStaffFailures forgets the failed sign-ins counted for a staff
// email, from every address, when it gets a new one-time password (a new
// account, a reissue): failures against a password that no longer exists
// must not lock its owner out of the new one. Only that email's keys go
// (ClearSigninFailuresOf): another email's, and every buyer's or
// address's, count on. Someone who was guessing that email's password
// from their own address may try again too, but against a new random
// one-time password (100 bits), under the same limit. It reports whether
// the email was locked out somewhere (SigninMaxFailures in the window).
func (s *Service) clearStaffFailures(ctx context.Context, q *db.Queries, email string) (bool, error) {
	cleared, err := q.ClearSigninFailuresOf(ctx, staffSigninKey(normalizeEmail(email)))
	if err != nil {
		return false, err
	}
	since := s.now().Add(-SigninWindow)
	return slices.ContainsFunc(cleared, func(c db.SigninWindowCount) bool {
		return c.Failures >= SigninMaxFailures && !c.WindowStart.Before(since)
	}), nil
}

// StaffByID returns a staff member for a session (whose SessionEpoch
// the session compares with its own); db.ErrNotFound for none, or a
// removed one.
func (s *Service) StaffByID(ctx context.Context, id int64) (Staff, error) {
	st, err := s.db.StaffByID(ctx, id)
	if err != nil {
		return Staff{}, err
	}
	return staffOfRow(st), nil
}

// ChangeStaffPassword replaces a staff member's password after checking
// the current one; field errors name "current", "new" and "confirm".
// Every other session of the account ends at its next request: it
// returns the account's new SessionEpoch, for the session that changed
// it to keep.
func (s *Service) ChangeStaffPassword(ctx context.Context, id int64, current, next, confirm string) (int64, error) {
	st, err := s.db.StaffByID(ctx, id)
	if err != nil {
		return 0, err
	}
	fields := map[string]string{}
	if bcrypt.CompareHashAndPassword(st.PasswordHash, []byte(current)) != nil {
		fields["current"] = "This is not your current password."
	}
	switch msg := StaffPasswordProblem(next, st.Email); {
	case msg != "":
		fields["new"] = msg
	case next == current:
		fields["new"] = "Choose a password different from the current one."
	case confirm != next:
		fields["confirm"] = "The two new passwords differ."
	}
	if len(fields) > 0 {
		return 0, &InputError{Fields: fields}
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(next), s.opts.PasswordCost)
	if err != nil {
		return 0, err
	}
	epoch, ok, err := s.db.SetStaffPassword(ctx, id, st.PasswordHash, hash, s.now())
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fieldError("current", "Your password was just changed elsewhere. Sign in again.")
	}
	s.recordBy(ctx, nil, staffSubject(id), EventStaff, st.Email, "password changed")
	return epoch, nil
}

// StaffPasswordProblem says what is wrong with a new password p of the
// staff account email, or "": its length or spaces
// (StaffPasswordLengthProblem), or too easy to guess (minStaffEntropy,
// guessablePassword). ADMIN_PASSWORD is held to it where it sets a
// password (EnsureFirstStaff, replaceOneTime).
func StaffPasswordProblem(p, email string) string {
	if msg := StaffPasswordLengthProblem(p); msg != "" {
		return msg
	}
	if passwordvalidator.GetEntropy(p) < minStaffEntropy || readingsEntropy(p) < minStaffFoldedEntropy || guessablePassword(p, email) {
		return "Too easy to guess: it is made of common passwords or your email, repeats characters or a phrase, follows a sequence (aaaa, 1234, qwerty), or is too short for the characters it uses. Use a few words, or mix in other characters."
	}
	return ""
}

// AdminPasswordProblem is StaffPasswordProblem for ADMIN_PASSWORD, the
// password of the first staff account email: its refusal for being too
// easy to guess names that email, which "your email" means there and
// which the operator did not type (admin@ and PUBLIC_URL's host).
func AdminPasswordProblem(p, email string) string {
	msg := StaffPasswordProblem(p, email)
	if strings.HasPrefix(msg, "Too easy to guess") {
		msg += " (Your email is the first staff account's: " + email + ".)"
	}
	return msg
}

// StaffPasswordLengthProblem says what is wrong with a staff password's
// length or spaces, or "": what the configuration checks ADMIN_PASSWORD
// with at every start. Whether it is too easy to guess is checked only
// where it sets a password: an ADMIN_PASSWORD that a later start ignores
// (the first account claimed) and that an earlier version took does not
// stop an upgrade from starting.
func StaffPasswordLengthProblem(p string) string {
	switch {
	case staffPasswordHalves(p) < 2*MinStaffPassword:
		return fmt.Sprintf("Use at least %d characters, or %d Chinese characters (kanji) or Korean syllables, which count as 1½ each.", MinStaffPassword, MinStaffPasswordWide)
	case len(p) > maxPassword:
		return fmt.Sprintf("Too long: use at most %d characters (letters outside A–Z, like é or 中, count as 2 to 4 each).", maxPassword)
	case strings.TrimSpace(p) == "":
		return "Use more than spaces."
	}
	return ""
}

// minStaffEntropy is the fewest bits a staff password's characters give
// (passwordvalidator.GetEntropy: the size of the character classes it
// uses to the power of its length, repeated characters and common
// sequences counted once; its length in bytes, so a letter beyond ASCII
// counts two to four): a staff account refunds, captures and voids
// money. "aaaaaaaaaaaa" gives 9, "password1234" 52, "Qwerty123456" 30,
// "my cat is ok" 59.5 (lower case and spaces need 13 characters);
// "wrong password" 69, "correct horse battery staple" 139.
const minStaffEntropy = 60

// minStaffFoldedEntropy is the fewest bits a staff password's readings
// give (readingsEntropy): its capitals folded, "QWERTYUIOP12" is the
// keyboard's row it is, while 12 random letters in both cases keep 56
// bits.
const minStaffFoldedEntropy = 50
