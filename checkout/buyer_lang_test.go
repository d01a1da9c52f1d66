package checkout

import (
	"context"
	"errors"
	"testing"
)

// A buyer's account has no language until SetBuyerLang stores one of
// lang.Languages'; signing in and the session's read (BuyerByID) then
// carry it. A code that is no language of ours is refused and stores
// nothing.
func TestBuyerLang(t *testing.T) {
	s, _ := staffEnv(t)
	ctx := context.Background()
	b, err := s.SignUp(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	check(t, err)
	assertEqual(t, b.Lang, "", "a new account's language")
	check(t, s.SetBuyerLang(ctx, b.ID, "th"))
	if err := s.SetBuyerLang(ctx, b.ID, "fr"); !errors.Is(err, ErrUnknownLanguage) {
		t.Fatalf("a language we do not have: %v", err)
	}
	in, err := s.SignIn(ctx, "ann@example.com", "correct horse battery", "192.0.2.1")
	check(t, err)
	assertEqual(t, in, Buyer{ID: b.ID, Email: "ann@example.com", Lang: "th"}, "signed in")
	again, err := s.BuyerByID(ctx, b.ID)
	check(t, err)
	assertEqual(t, again, in, "the session's buyer")
}
