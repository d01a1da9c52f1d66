package antom

import (
	"errors"
	"strconv"
	"strings"
)

// Kind says what an error means for the money: whether Antom decided, may
// have acted, or never heard of the call.
type Kind int

// The kinds of *Error. The zero Kind means "no error".
const (
	// KindFailed: Antom answered F in a signed response. Definite; the
	// request did not take effect.
	KindFailed Kind = iota + 1
	// KindUnknown: U, a timeout or reset after the request was written, an
	// answer without a valid signature, HTTP 5xx or a body we cannot read.
	// Antom may have acted: resend with the same request id, or inquire.
	// Never treat it as a failure.
	KindUnknown
	// KindNotSent: nothing reached Antom (request building failed, dial
	// refused, DNS failure, context done before writing). Safe to retry.
	KindNotSent
)

// String names the kind for messages and logs.
func (k Kind) String() string {
	switch k {
	case KindFailed:
		return "failed"
	case KindUnknown:
		return "outcome unknown"
	case KindNotSent:
		return "not sent"
	}
	return "kind " + strconv.Itoa(int(k))
}

// ErrClientID means the client-id of a response or notification is not the
// merchant's own. Antom signs for every merchant with one key, so a valid
// signature alone does not say the message is for us.
var ErrClientID = errors.New("antom: client-id does not match")

// Error is what every API call returns when it did not succeed. Its
// message never carries a body, a token or a key.
type Error struct {
	API        string // "pay", "applyToken", …
	Kind       Kind
	Result     Result // what the body said; readable even when unsigned
	Unverified bool   // the answer had no valid signature: Result is a hint only
	HTTPStatus int    // 0 when no response arrived
	Err        error  // the cause, if any
}

// Error reads like "antom: pay: failed: result F/USER_BALANCE_NOT_ENOUGH".
// The result message is left out (it is Antom's free text); see Result.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("antom: ")
	b.WriteString(e.API)
	b.WriteString(": ")
	b.WriteString(e.Kind.String())
	if e.HTTPStatus != 0 && e.HTTPStatus != 200 {
		b.WriteString(": HTTP ")
		b.WriteString(strconv.Itoa(e.HTTPStatus))
	}
	if e.Unverified {
		b.WriteString(": unverified response")
	}
	if e.Result != (Result{}) {
		b.WriteString(": result ")
		b.WriteString(safeCode(e.Result.ResultStatus))
		b.WriteString("/")
		b.WriteString(safeCode(e.Result.ResultCode))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// kindOf returns the Kind of err, or 0 when err is not an *Error.
func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

// IsFailed reports whether err is a definite, signed failure (F).
func IsFailed(err error) bool { return kindOf(err) == KindFailed }

// IsUnknown reports whether Antom may have acted on the call.
func IsUnknown(err error) bool { return kindOf(err) == KindUnknown }

// IsNotSent reports whether the call never reached Antom.
func IsNotSent(err error) bool { return kindOf(err) == KindNotSent }

// ResultOf returns the result carried by an *Error, if there is one. Check
// Error.Unverified before trusting it.
func ResultOf(err error) (Result, bool) {
	var e *Error
	if errors.As(err, &e) && e.Result != (Result{}) {
		return e.Result, true
	}
	return Result{}, false
}

// safeCode returns s when it looks like a result code or status (capitals,
// digits, '_', at most 64), "?" otherwise: an unsigned body can hold
// anything, and a message must not echo it.
func safeCode(s string) string {
	if s == "" || len(s) > 64 {
		return "?"
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return "?"
		}
	}
	return s
}
