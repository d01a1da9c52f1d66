package checkout

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/unicode/norm"

	"antom-checkout/checkout/limits"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// Buyer is a signed-up shopper.
type Buyer struct {
	ID    int64
	Email string
	// Lang is the language the buyer last chose with the switcher while
	// signed in (SetBuyerLang), as stored: "" for none, and possibly a
	// code lang.Languages no longer has, which its readers ignore.
	Lang string
}

// BuyerSignInSubject names one buyer sign-in's hub subject (signIn: the
// random id its session keeps, across renewed session ids), published
// once that session has signed out: its open pages (the result page,
// the Scan to Link page) say so at once.
func BuyerSignInSubject(signIn string) string { return "buyer-signin:" + signIn }

// ErrBadCredentials means the email or password is wrong; which one is not
// said.
var ErrBadCredentials = errors.New("checkout: wrong email or password")

const (
	minPassword = limits.BuyerPasswordMin
	maxPassword = limits.Password // bcrypt reads no further
)

// SignUp creates a buyer account. Sign-ups from one client address are
// throttled (BuyerSignupPerAddress within SigninWindow): every valid try
// counts, created or not; past the limit it refuses with a
// *ThrottledError saying when to retry. Input errors are *InputError.
func (s *Service) SignUp(ctx context.Context, email, password, clientAddr string) (Buyer, error) {
	email, fields := normalizeEmail(email), map[string]string{}
	if msg := checkEmail(email); msg != "" {
		fields["email"] = msg
	}
	switch n := utf8.RuneCountInString(password); {
	case n < minPassword:
		fields["password"] = "auth.password_short"
	case len(password) > maxPassword:
		fields["password"] = "auth.password_long"
	case strings.TrimSpace(password) == "":
		fields["password"] = "auth.password_spaces"
	case buyerPasswordGuessable(password, email):
		fields["password"] = "auth.password_guessable"
	}
	if len(fields) > 0 {
		return Buyer{}, &InputError{Fields: fields}
	}
	byAddr := limit{key: "signup|addr:" + networkOf(clientAddr), max: BuyerSignupPerAddress, window: SigninWindow}
	if err := s.countTry(ctx, byAddr); err != nil {
		return Buyer{}, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.opts.PasswordCost)
	if err != nil {
		return Buyer{}, err
	}
	id, err := s.db.InsertBuyer(ctx, email, hash, s.now())
	if errors.Is(err, db.ErrDuplicate) {
		return Buyer{}, fieldError("email", "auth.email_taken")
	}
	if err != nil {
		return Buyer{}, err
	}
	return Buyer{ID: id, Email: email}, nil
}

// SignIn checks a buyer's email and password, throttled per email
// (BuyerSigninPerEmail) and per client address (BuyerSigninPerAddress)
// within SigninWindow: past either limit it refuses without looking, even
// the right password, with a *ThrottledError saying when to retry.
func (s *Service) SignIn(ctx context.Context, typed, password, clientAddr string) (Buyer, error) {
	email := normalizeEmail(typed)
	byEmail := limit{key: "buyer|email:" + email, max: BuyerSigninPerEmail, window: SigninWindow}
	byAddr := limit{key: "buyer|addr:" + networkOf(clientAddr), max: BuyerSigninPerAddress, window: SigninWindow}
	if err := s.countTry(ctx, byEmail, byAddr); err != nil {
		return Buyer{}, err
	}
	b, err := findByEmail(ctx, typed, s.db.BuyerByEmail)
	if errors.Is(err, db.ErrNotFound) {
		bcrypt.CompareHashAndPassword(s.dummyHash(), []byte(password)) // the same time whether or not the email exists
		return Buyer{}, ErrBadCredentials
	}
	if err != nil {
		return Buyer{}, err
	}
	if bcrypt.CompareHashAndPassword(b.PasswordHash, []byte(password)) != nil {
		return Buyer{}, ErrBadCredentials
	}
	// The email's owner is in: its count starts again. The address keeps
	// its failures; only this try is taken back.
	if err := s.db.ClearSigninFailures(ctx, byEmail.key); err != nil {
		return Buyer{}, err
	}
	if err := s.db.UncountSigninFailure(ctx, byAddr.key); err != nil {
		return Buyer{}, err
	}
	return Buyer{ID: b.ID, Email: b.Email, Lang: b.Lang}, nil
}

// BuyerByID returns a buyer for a session.
func (s *Service) BuyerByID(ctx context.Context, id int64) (Buyer, error) {
	b, err := s.db.BuyerByID(ctx, id)
	if err != nil {
		return Buyer{}, err
	}
	return Buyer{ID: b.ID, Email: b.Email, Lang: b.Lang}, nil
}

// ErrUnknownLanguage means a language code is none of lang.Languages'.
var ErrUnknownLanguage = errors.New("checkout: unknown language")

// SetBuyerLang stores code, one of lang.Languages' codes, as the
// language of the buyer id's account (ErrUnknownLanguage for any other,
// storing nothing; db.ErrNotFound for an account not there).
func (s *Service) SetBuyerLang(ctx context.Context, id int64, code string) error {
	if _, ok := lang.ByCode(code); !ok {
		return ErrUnknownLanguage
	}
	return s.db.SetBuyerLang(ctx, id, code)
}

// normalizeEmail is the one spelling of an email we store and look up:
// trimmed, in NFKC (full-width "ａｄｍｉｎ@ｌｏｃａｌｈｏｓｔ" is
// "admin@localhost", not a second account that reads like it), the
// ideographic full stop a CJK input method types for a dot ("example。com")
// a dot, and lower case.
func normalizeEmail(email string) string {
	return strings.ToLower(strings.ReplaceAll(norm.NFKC.String(strings.TrimSpace(email)), "。", "."))
}

// legacyEmail is how an email was stored before normalizeEmail read it
// in NFKC: trimmed and lower case only. An account made then under a
// full-width spelling is stored so (no migration can read NFKC in SQL).
func legacyEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// findByEmail is find's row of an email as typed. Typed as stored
// before emails were read in NFKC (legacyEmail, when it differs from the
// one spelling), that row first: an account stored so still signs in,
// and its owner's spelling never reaches an account made since under the
// one spelling; else by the one spelling (normalizeEmail).
func findByEmail[T any](ctx context.Context, typed string, find func(context.Context, string) (T, error)) (T, error) {
	if legacy := legacyEmail(typed); legacy != normalizeEmail(typed) {
		row, err := find(ctx, legacy)
		if !errors.Is(err, db.ErrNotFound) {
			return row, err
		}
	}
	return find(ctx, normalizeEmail(typed))
}

func checkEmail(email string) string {
	if email == "" {
		return "auth.email_empty"
	}
	if utf8.RuneCountInString(email) > limits.Email { // characters, as its words say
		return "auth.email_long"
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		return "auth.email_invalid"
	}
	return ""
}

// SignInBlanks says which sign-in field was left empty, before anything
// is checked or counted: an empty field is not a wrong password.
func SignInBlanks(email, password string) *InputError {
	fields := map[string]string{}
	if strings.TrimSpace(email) == "" {
		fields["email"] = "auth.email_empty"
	}
	if password == "" {
		fields["password"] = "auth.password_empty"
	}
	if len(fields) == 0 {
		return nil
	}
	return &InputError{Fields: fields}
}
