package sandbox

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// cardForm is the hosted page's card form as the buyer filled it in. It
// owns the form's validation; the page asks it for field errors. Its
// values are never logged.
type cardForm struct {
	Number string
	Expiry string // MM/YY
	CVC    string // checked, never shown again
	Name   string
}

// readCardForm reads the submitted card form.
func readCardForm(r *http.Request) cardForm {
	return cardForm{
		Number: strings.TrimSpace(r.PostFormValue("number")),
		Expiry: strings.TrimSpace(r.PostFormValue("expiry")),
		CVC:    strings.TrimSpace(r.PostFormValue("cvc")),
		Name:   strings.TrimSpace(r.PostFormValue("name")),
	}
}

// check validates the form at now and returns the card it describes, or
// field errors by field name (number, expiry, cvc, name).
func (f cardForm) check(now time.Time) (cardEntry, map[string]string) {
	errs := map[string]string{}
	digits, msg := checkNumber(f.Number)
	if msg != "" {
		errs["number"] = msg
	}
	exp, msg := checkCardExpiry(f.Expiry, now)
	if msg != "" {
		errs["expiry"] = msg
	}
	if n := len(f.CVC); n < 3 || n > 4 || !allDigits(f.CVC) {
		errs["cvc"] = "Enter the 3 or 4 digit security code."
	}
	if f.Name == "" {
		errs["name"] = "Enter the name on the card."
	} else if utf8.RuneCountInString(f.Name) > 100 {
		errs["name"] = "The name has at most 100 characters."
	}
	if len(errs) > 0 {
		return cardEntry{}, errs
	}
	return cardEntry{Digits: digits, Expiry: exp}, nil
}

// checkNumber reads a card number; the message says what is wrong.
func checkNumber(typed string) (string, string) {
	if typed == "" {
		return "", "Enter the card number."
	}
	digits, ok := cardDigits(typed)
	if !ok || !luhnValid(digits) {
		return "", "This card number is not valid: check the digits."
	}
	return digits, ""
}

// checkCardExpiry reads MM/YY at now; the message says what is wrong.
func checkCardExpiry(typed string, now time.Time) (cardExpiry, string) {
	if typed == "" {
		return cardExpiry{}, "Enter the expiry date as MM/YY."
	}
	exp, ok := parseCardExpiry(typed)
	if !ok {
		return exp, "Enter the expiry date as MM/YY, like 12/30."
	}
	if exp.expiredAt(now) {
		return exp, "This card has expired."
	}
	return exp, ""
}
