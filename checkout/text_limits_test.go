package checkout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"antom-checkout/checkout/limits"
)

// Each check of what staff or a buyer type refuses past the number
// package limits holds for it — the number the forms say (views) — and
// takes text of exactly that length.
func TestTextChecksHoldToPackageLimits(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   func(s string) bool
		unit string // repeated to the limit
		n    int
		tail string // what follows the repeated part
	}{
		{"a staff note", func(s string) bool { return checkNote(s, "empty") == nil }, "n", limits.StaffNote, ""},
		{"a review note", func(s string) bool { return checkReviewNote(s) == nil }, "n", limits.StaffNote, ""},
		{"a refund lookup's id", RefundLookupIDFits, "é", limits.RefundLookupID, ""},
		{"a staff password", func(s string) bool { return StaffPasswordProblem(s, "ann@shop.example") == "" }, "x", limits.Password - len(" correct horse battery"), " correct horse battery"}, // "ppp…" alone is too easy to guess
		{"an email", func(s string) bool { return checkEmail(s) == "" }, "a", limits.Email - len("@example.com"), "@example.com"},
	} {
		at := strings.Repeat(c.unit, c.n) + c.tail
		if !c.ok(at) {
			t.Errorf("%s of the limit's length is refused", c.name)
		}
		if c.ok(c.unit + at) {
			t.Errorf("%s one past the limit is taken", c.name)
		}
	}
	if maxRefundReason != limits.RefundReason || maxPassword != limits.Password || minPassword != limits.BuyerPasswordMin {
		t.Errorf("the refund reason's, a buyer password's limits are not package limits'")
	}
}

// An email address past its limit is refused as too long, not as
// malformed: "like name@example.com" would not say what to change.
func TestAnEmailPastItsLimitIsSaidTooLong(t *testing.T) {
	long := strings.Repeat("a", limits.Email) + "@example.com"
	if got := checkEmail(long); got != "auth.email_long" {
		t.Errorf("an email of %d bytes: %q, want auth.email_long", len(long), got)
	}
	// Counted in characters, as its words say: é is one.
	accented := strings.Repeat("é", 60) + "@" + strings.Repeat("ü", 60) + ".example"
	if got := checkEmail(accented); got == "auth.email_long" {
		t.Errorf("an email of %d characters (%d bytes) is said too long", utf8.RuneCountInString(accented), len(accented))
	}
	if got := checkEmail(strings.Repeat("é", limits.Email) + "@x.example"); got != "auth.email_long" {
		t.Errorf("an email of %d accented characters: %q, want auth.email_long", limits.Email+10, got)
	}
	if got := checkEmail("name@example"); got != "auth.email_invalid" {
		t.Errorf("a malformed email: %q, want auth.email_invalid", got)
	}
}
