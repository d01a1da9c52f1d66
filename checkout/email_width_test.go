package checkout

import (
	"context"
	"errors"
	"strings"
	"testing"
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
	_, err = s.SignUp(ctx, "buyer@example.com", "correct horse battery", "192.0.2.2")
	if !errors.As(err, &in) || in.Fields["email"] != "auth.email_taken" {
		t.Fatalf("the same email in ASCII signed up again: %v", err)
	}
}
