package checkout

import "errors"

// Refused reports whether err refuses an action for where things stand
// now, not for what its form holds, and says why, for staff: a
// *ConflictError (errBusy among them: another worker is asking Antom
// about it right now). Handlers answer such a refusal Post/Redirect/Get — a 303 to
// the action's page, which says it once — and an *InputError, an error
// in what was typed, with the form again.
func Refused(err error) (string, bool) {
	var c *ConflictError
	if errors.As(err, &c) {
		return c.Message, true
	}
	return "", false
}
