package views

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"antom-checkout/internal/oneline"
)

// AuthForm is the model of the sign-up and sign-in pages. The domain
// validates; the form carries what it said back to the fields.
type AuthForm struct {
	Page
	Email  string
	Next   string            // where to go after signing in
	Lead   string            // why the buyer is asked to sign in ("Sign in to see this order."); "" for none
	Errors map[string]string // field → message; "" for the whole form
	// Onward: signed in already, the page the signed-in box leads on to
	// (next), in OnwardWords ("See this order"); "" for none.
	Onward, OnwardWords string
}

// Error returns the message for a field, if any.
func (f AuthForm) Error(field string) string { return f.Errors[field] }

// invalid is the aria-invalid value of a field.
func invalid(errors map[string]string, field string) string {
	if errors[field] != "" {
		return "true"
	}
	return "false"
}

// describedBy is a field's aria-describedby: its error's id (errorID,
// the id fieldError gives it) when it has an error (msg), then its help's
// (help, "" for none), so that a screen reader says what is wrong with
// the field when it reaches it, not only once as an alert. Nothing when
// there is neither.
func describedBy(msg, errorID, help string) templ.Attributes {
	var ids []string
	if msg != "" {
		ids = append(ids, errorID)
	}
	if help != "" {
		ids = append(ids, help)
	}
	if len(ids) == 0 {
		return templ.Attributes{}
	}
	return templ.Attributes{"aria-describedby": strings.Join(ids, " ")}
}

// signInPasswordDescribed is a sign-in form's password field's
// aria-describedby: the form's own error first ("Wrong email or
// password.", which names neither field: the focus goes to the password,
// the email kept), then the field's own error.
func signInPasswordDescribed(formErr, fieldErr string) templ.Attributes {
	var ids []string
	if formErr != "" {
		ids = append(ids, "form-error")
	}
	if fieldErr != "" {
		ids = append(ids, "password-error")
	}
	if len(ids) == 0 {
		return templ.Attributes{}
	}
	return templ.Attributes{"aria-describedby": strings.Join(ids, " ")}
}

// withNext links to an auth page that returns to next afterwards.
func withNext(path, next string) templ.SafeURL {
	if next == "" {
		return templ.SafeURL(path)
	}
	return templ.SafeURL(path + "?next=" + url.QueryEscape(next))
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// lineValue is text staff typed, put back in a one-line text field
// (<input type="text">) after the server refused it: each line break a
// space. The browser would drop the breaks and glue the lines
// ("Dashboardsecond line"); the field's error still says one line,
// please, and nothing else of the text changes.
// The breaks are oneline's, the ones checkout's plainLine refuses.
func lineValue(s string) string { return oneline.Spaced(s) }

// atMostCharacters is a staff text field's limit in words ("At most 64
// characters"), n from package limits, which the domain's check reads
// too: the form says the very limit the server refuses past. No field
// has a maxlength: a browser cuts a longer paste to it without a word,
// and a cut note or reason was confirmed and sent (trial, 6 Dec); the
// server refuses it instead, the whole text kept in the field.
func atMostCharacters(n int) string { return "At most " + strconv.Itoa(n) + " characters" }

// oneLineAtMost is a one-line staff text field's limit in words ("one
// line, at most 200 characters"), as atMostCharacters.
func oneLineAtMost(n int) string { return "one line, at most " + strconv.Itoa(n) + " characters" }
