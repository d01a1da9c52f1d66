package checkout

import (
	"fmt"
	"testing"
)

// Which refusals are for where things stand now (Refused: the handlers
// answer them 303 to the action's page) and which are errors of the form
// (422, the form again): a refund's typed amount over what is left is the
// form's; nothing left, a retry's amount over what is left (nobody typed
// it: the money moved since the page was shown), and work another worker
// is asking Antom about right now are where things stand.
func TestRefusedForWhereThingsStand(t *testing.T) {
	for _, c := range []struct {
		name    string
		err     error
		refused bool
		says    string
	}{
		{"a typed amount over what is left", tooMuchRefund("USD", 500, 0, 0, 0, true), false, ""},
		{"a typed amount, nothing left", tooMuchRefund("USD", 0, 100, 0, 0, true), true, "Nothing was left to refund when you pressed it. ($1.00 of this payment was being refunded at that moment: see its refunds.)"},
		// Two staff tabs refunding the rest at once: the loser's words, one
		// aside (trial: two asides in a row, each "see its refunds").
		{"nothing left, refunded and refunding", tooMuchRefund("USD", 0, 1350, 500, 0, true), true,
			"Nothing was left to refund when you pressed it. (Of this payment, $5.00 had been refunded and $13.50 was being refunded at that moment: see its refunds.)"},
		{"a retry over what is left", tooMuchRefund("USD", 300, 0, 0, 0, false), true,
			"What may still be refunded of this payment changed meanwhile: at most $3.00 at that moment. Nothing was sent."},
		{"a retry, nothing left", tooMuchRefund("USD", 0, 0, 0, 0, false), true, "Nothing was left to refund when you pressed it."},
		{"another worker on it", fmt.Errorf("lookup: %w", errBusy), true, "This is being checked with Antom right now. Try again in a moment."},
		{"a conflict, wrapped", fmt.Errorf("capture: %w", &ConflictError{Message: "This authorization was already voided."}), true, "This authorization was already voided."},
		{"a bad field", fieldError("amount", "Enter an amount."), false, ""},
		{"none", nil, false, ""},
	} {
		says, refused := Refused(c.err)
		if refused != c.refused || says.Message != c.says || says.Repeat {
			t.Errorf("%s: Refused = %+v, %v; want %q, %v", c.name, says, refused, c.says, c.refused)
		}
	}
	if msg := tooMuchRefund("USD", 500, 0, 0, 0, true).(*InputError).Fields["amount"]; msg != "At most $5.00 can be refunded." {
		t.Errorf("a typed amount over what is left says %q", msg)
	}
	// Refunds made since the form was shown (a colleague's) are said.
	if msg := tooMuchRefund("USD", 500, 0, 1350, 0, true).(*InputError).Fields["amount"]; msg != "At most $5.00 can be refunded. ($13.50 of this payment is refunded already: see its refunds.)" {
		t.Errorf("a typed amount over what is left, after refunds, says %q", msg)
	}
	// So is a failed refund settled with the buyer another way.
	if msg := tooMuchRefund("USD", 1200, 0, 0, 800, true).(*InputError).Fields["amount"]; msg != "At most $12.00 can be refunded. ($8.00 of this payment was settled with the buyer another way after a refund failed: see its refunds.)" {
		t.Errorf("a typed amount over what is left, after a refund settled another way, says %q", msg)
	}
}
