package checkout

// cardAction is a staff action on a card authorization, as a refusal
// tells it: a capture of amount (minor units of the authorization's
// currency) or a void; by is who sent it (the staff member's email, as
// handlers name the actor; "" when not known); check when it is only
// asked to be confirmed (the void's button, its confirmation's page:
// CheckVoid), nothing being sent.
type cardAction struct {
	void   bool
	amount int64 // a capture's; 0 for a void
	by     string
	check  bool
}

// voidLine is the timeline line of a void staff sent (its actor: who).
const voidLine = "void the authorization"

// sameAs reports whether x asks what y did: both voids, or captures of
// one amount. The authorization then goes (or went) the way x asked.
func (x cardAction) sameAs(y cardAction) bool {
	return x.void == y.void && x.amount == y.amount
}

// what names the action for staff: "a capture of $3.00", "a void of
// this authorization".
func (x cardAction) what(currency string) string {
	if x.void {
		return "a void of this authorization"
	}
	return "a capture of " + Money{currency, x.amount}.String()
}

// takenRefusal refuses asked because took, sent before it, holds the
// authorization (one capture or one void, whichever is stored first). Its
// words are true whenever they are read — took may have been confirmed,
// still be under way, or have failed since — so they say who sent what
// first and that asked was not sent, never took's outcome (the order
// shows that). The rule, by whether took did what asked asks and who
// sent it:
//
//	same action, the same staff member  Repeat  "Sent once: you had already sent this capture ($3.00), so this second one was not sent."
//	same action, someone else           Repeat  "Not sent: ana@shop.example had already sent the same capture ($3.00)."
//	another action (or amount)          red     "Your void was not sent: you had already sent a capture of $3.00."
//
// A repeat is no bad news: what staff asked for was sent (once), and the
// page shows it neutral. Another action is: what staff asked for will
// not happen. An author not known (took.by "") is said in the passive.
// Asked only to confirm (asked.check: a confirmation opened again by Back
// or a bookmark), nothing was sent, and the words say there is nothing
// to confirm (a repeat) or that it cannot be sent:
//
//	same action       Repeat  "Nothing to confirm: you had already sent this void."
//	another action    red     "Your void cannot be sent: you had already sent a capture of $3.00."
func takenRefusal(asked, took cardAction, currency string) *ConflictError {
	mine := took.by != "" && took.by == asked.by
	who := took.by
	if mine {
		who = "you"
	}
	sent := func(what string) string { // "<who> had already sent <what>"
		if who == "" {
			return what + " had already been sent"
		}
		return who + " had already sent " + what
	}
	if asked.sameAs(took) {
		this, same := "this void", "a void of this authorization"
		if !took.void {
			amount := " (" + Money{currency, took.amount}.String() + ")"
			this, same = "this capture"+amount, "the same capture"+amount
		}
		switch {
		case asked.check && mine:
			return &ConflictError{Message: "Nothing to confirm: you had already sent " + this + ".", Repeat: true}
		case asked.check:
			return &ConflictError{Message: "Nothing to confirm: " + sent(same) + ".", Repeat: true}
		case mine:
			return &ConflictError{Message: "Sent once: you had already sent " + this + ", so this second one was not sent.", Repeat: true}
		}
		return &ConflictError{Message: "Not sent: " + sent(same) + ".", Repeat: true}
	}
	yours := "Your void"
	if !asked.void {
		yours = "Your capture of " + Money{currency, asked.amount}.String()
	}
	why := ""
	if !asked.void && !took.void {
		why = ", and an authorization is captured once"
	}
	not := " was not sent: "
	if asked.check {
		not = " cannot be sent: "
	}
	return &ConflictError{Message: yours + not + sent(took.what(currency)) + why + "."}
}
