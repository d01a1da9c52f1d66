package checkout

import "testing"

// Every pair of a refused capture or void and the capture or void that
// took the authorization first, sent by the same staff member, by
// another, or by nobody known: a repeat of what was sent (the same
// action) reads as a neutral note, anything else as bad news — and the
// words say who sent what first, never that action's outcome, so they
// stay true beside whatever the order shows when they are read.
func TestTakenRefusalWords(t *testing.T) {
	const me, ana = "me@shop.example", "ana@shop.example"
	capture := func(amount int64, by string) cardAction { return cardAction{amount: amount, by: by} }
	void := func(by string) cardAction { return cardAction{void: true, by: by} }
	check := func(by string) cardAction { return cardAction{void: true, by: by, check: true} }
	for _, c := range []struct {
		name        string
		asked, took cardAction
		repeat      bool
		says        string
	}{
		{"capture twice, mine", capture(300, me), capture(300, me), true,
			"Sent once: you had already sent this capture ($3.00), so this second one was not sent."},
		{"capture twice, another's", capture(300, me), capture(300, ana), true,
			"Not sent: ana@shop.example had already sent the same capture ($3.00)."},
		{"capture twice, nobody known", capture(300, me), capture(300, ""), true,
			"Not sent: the same capture ($3.00) had already been sent."},
		{"void twice, mine", void(me), void(me), true,
			"Sent once: you had already sent this void, so this second one was not sent."},
		{"void twice, another's", void(me), void(ana), true,
			"Not sent: ana@shop.example had already sent a void of this authorization."},
		{"void twice, nobody known", void(me), void(""), true,
			"Not sent: a void of this authorization had already been sent."},
		{"capture of another amount, mine", capture(100, me), capture(300, me), false,
			"Your capture of $1.00 was not sent: you had already sent a capture of $3.00, and an authorization is captured once."},
		{"capture of another amount, another's", capture(100, me), capture(300, ana), false,
			"Your capture of $1.00 was not sent: ana@shop.example had already sent a capture of $3.00, and an authorization is captured once."},
		{"capture of another amount, nobody known", capture(100, me), capture(300, ""), false,
			"Your capture of $1.00 was not sent: a capture of $3.00 had already been sent, and an authorization is captured once."},
		{"void after a capture, mine", void(me), capture(300, me), false,
			"Your void was not sent: you had already sent a capture of $3.00."},
		{"void after a capture, another's", void(me), capture(300, ana), false,
			"Your void was not sent: ana@shop.example had already sent a capture of $3.00."},
		{"capture after a void, mine", capture(300, me), void(me), false,
			"Your capture of $3.00 was not sent: you had already sent a void of this authorization."},
		{"capture after a void, another's", capture(300, me), void(ana), false,
			"Your capture of $3.00 was not sent: ana@shop.example had already sent a void of this authorization."},
		{"capture after a void, nobody known", capture(300, me), void(""), false,
			"Your capture of $3.00 was not sent: a void of this authorization had already been sent."},
		{"asked by nobody known", capture(300, ""), capture(300, ""), true,
			"Not sent: the same capture ($3.00) had already been sent."},
		// Only asked to confirm (the void's button, its confirmation's
		// page opened again): nothing was sent, nothing "second".
		{"void confirmation after a void, mine", check(me), void(me), true,
			"Nothing to confirm: you had already sent this void."},
		{"void confirmation after a void, another's", check(me), void(ana), true,
			"Nothing to confirm: ana@shop.example had already sent a void of this authorization."},
		{"void confirmation after a void, nobody known", check(me), void(""), true,
			"Nothing to confirm: a void of this authorization had already been sent."},
		{"void confirmation after a capture, mine", check(me), capture(300, me), false,
			"Your void cannot be sent: you had already sent a capture of $3.00."},
	} {
		err := takenRefusal(c.asked, c.took, "USD")
		if err.Repeat != c.repeat || err.Message != c.says {
			t.Errorf("%s: %q (repeat %v), want %q (repeat %v)", c.name, err.Message, err.Repeat, c.says, c.repeat)
		}
	}
}
