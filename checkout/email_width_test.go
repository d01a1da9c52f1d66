package checkout

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// An email written in full-width letters is the same email: staff cannot
// add "ａｄｍｉｎ@localhost" beside admin@localhost (an audit line's "by
// ａｄｍｉｎ@localhost" would read as the admin's), a buyer cannot sign up
// again under such a spelling, and signing in by it finds the account.
func TestFullWidthEmailIsTheSameEmail(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	_, err := s.EnsureFirstStaff(ctx, "admin@localhost", "a long enough admin password")
	check(t, err)
	admin, err := s.StaffSignIn(ctx, "ＡＤＭＩＮ@localhost", "a long enough admin password", "192.0.2.1")
	if err != nil {
		t.Fatalf("signing in by the full-width spelling: %v", err)
	}
	_, err = s.AddStaff(ctx, admin, "ａｄｍｉｎ@ｌｏｃａｌｈｏｓｔ")
	var in *InputError
	if !errors.As(err, &in) || !strings.Contains(in.Fields["email"], "admin@localhost already has a staff account") {
		t.Fatalf("full-width twin of a staff email added: %v", err)
	}
	n, err := s.db.CountStaff(ctx)
	check(t, err)
	assertEqual(t, n, 1, "staff accounts")

	b, err := s.SignUp(ctx, "Ｂｕｙｅｒ@Ｅｘａｍｐｌｅ．ｃｏｍ", "correct horse battery", "192.0.2.1")
	check(t, err)
	assertEqual(t, b.Email, "buyer@example.com", "the buyer's email as stored")
	if again, err := s.SignIn(ctx, "ｂｕｙｅｒ@example。com", "correct horse battery", "192.0.2.1"); err != nil || again.ID != b.ID {
		t.Fatalf("signing in with an ideographic full stop for the dot: %+v, %v", again, err)
	}
	_, err = s.SignUp(ctx, "buyer@example.com", "correct horse battery", "192.0.2.2")
	if !errors.As(err, &in) || in.Fields["email"] != "auth.email_taken" {
		t.Fatalf("the same email in ASCII signed up again: %v", err)
	}
}

// Accounts stored before emails were read in NFKC kept the full-width
// spelling they were typed in: typed the same way, they still sign in
// (buyer and staff), staff's reset finds them, and staff's buyer search
// too.
func TestAccountsStoredUnderAnOldSpellingStillSignIn(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	const typed, pw = "ｊｏｈｎ@gmail.com", "correct horse battery"
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
	check(t, err)
	id, err := s.db.InsertBuyer(ctx, typed, hash, time.Now()) // as the old SignUp stored it
	check(t, err)
	b, err := s.SignIn(ctx, typed, pw, "192.0.2.1")
	if err != nil || b.ID != id {
		t.Fatalf("the old account signing in by its spelling: %+v, %v", b, err)
	}
	// An account made since under the one spelling does not take the old
	// one's spelling from its owner.
	twin, err := s.SignUp(ctx, "john@gmail.com", "another long password", "192.0.2.3")
	check(t, err)
	if b, err := s.SignIn(ctx, typed, pw, "192.0.2.1"); err != nil || b.ID != id {
		t.Fatalf("the old account beside its twin %d: %+v, %v", twin.ID, b, err)
	}
	found, err := s.FindBuyerAccount(ctx, typed)
	if err != nil || found.Buyer.ID != id {
		t.Fatalf("staff's search by its spelling: %+v, %v", found.Buyer, err)
	}

	_, err = s.db.InsertStaff(ctx, db.Staff{Email: "ｃｌｅｒｋ@shop.example", PasswordHash: hash, CreatedAt: time.Now()})
	check(t, err)
	if _, err := s.StaffSignIn(ctx, "ｃｌｅｒｋ@shop.example", pw, "192.0.2.1"); err != nil {
		t.Fatalf("the old staff account signing in by its spelling: %v", err)
	}
	reset, err := s.ResetStaffPassword(ctx, "ｃｌｅｒｋ@shop.example")
	if err != nil || reset.Password == "" {
		t.Fatalf("staff reset of the old account: %+v, %v", reset, err)
	}
}
