package checkout

import "errors"

// Refusal is why an action was refused for where things stand now, for
// staff (Refused).
type Refusal struct {
	Message string
	// Repeat: what the action asked for had already been sent (the same
	// capture or void again: ConflictError.Repeat), so nothing went wrong
	// and it reads as a neutral note, not as bad news.
	Repeat bool
	// Waits: refused only until Antom confirms what is in doubt
	// (ConflictError.Waits); it reads as pending news, not as bad news.
	Waits bool
	// Refund, Done and Failed: the refund still processing that Message
	// speaks of, and the words that say it once Antom has made it or it
	// failed (ConflictError.Refund); 0 and "" for none.
	Refund       int64
	Done, Failed string
	// Retried: Refund tries again the refund the action was for
	// (ConflictError.Retried).
	Retried bool
	// PassedTo: a failed retry of the refund the action was for, which
	// owes in its place (ConflictError.PassedTo); 0 for none.
	PassedTo int64
}

// Refused reports whether err refuses an action for where things stand
// now, not for what its form holds, and says why: a *ConflictError
// (errBusy among them: another worker is asking Antom about it right
// now). Handlers answer such a refusal Post/Redirect/Get — a 303 to the
// action's page, which says it once — and an *InputError, an error in
// what was typed, with the form again.
func Refused(err error) (Refusal, bool) {
	var c *ConflictError
	if errors.As(err, &c) {
		return Refusal{Message: c.Message, Repeat: c.Repeat, Waits: c.Waits, Refund: c.Refund, Done: c.Done, Failed: c.Failed, Retried: c.Retried, PassedTo: c.PassedTo}, true
	}
	return Refusal{}, false
}
