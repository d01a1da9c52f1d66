package sandbox

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"antom-checkout/internal/luhn"
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
// field errors by field name (number, expiry, cvc, name), in words wd.
func (f cardForm) check(now time.Time, wd *cardWords) (cardEntry, map[string]string) {
	errs := map[string]string{}
	digits, msg := checkNumber(f.Number, wd)
	if msg != "" {
		errs["number"] = msg
	}
	exp, msg := checkCardExpiry(f.Expiry, now, wd)
	if msg != "" {
		errs["expiry"] = msg
	}
	if n := len(f.CVC); n < 3 || n > 4 || !allDigits(f.CVC) {
		errs["cvc"] = wd.CVCInvalid
	}
	if f.Name == "" {
		errs["name"] = wd.NameEmpty
	} else if utf8.RuneCountInString(f.Name) > 100 {
		errs["name"] = wd.NameLong
	}
	if len(errs) > 0 {
		return cardEntry{}, errs
	}
	return cardEntry{Digits: digits, Expiry: exp}, nil
}

// checkNumber reads a card number; the message (words wd) says what is
// wrong.
func checkNumber(typed string, wd *cardWords) (string, string) {
	if typed == "" {
		return "", wd.NumberEmpty
	}
	digits, ok := cardDigits(typed)
	if !ok || !luhn.Valid(digits) {
		return "", wd.NumberInvalid
	}
	return digits, ""
}

// checkCardExpiry reads MM/YY at now; the message (words wd) says what
// is wrong.
func checkCardExpiry(typed string, now time.Time, wd *cardWords) (cardExpiry, string) {
	if typed == "" {
		return cardExpiry{}, wd.ExpiryEmpty
	}
	exp, ok := parseCardExpiry(typed)
	if !ok {
		return exp, wd.ExpiryFormat
	}
	if exp.expiredAt(now) {
		return exp, wd.Expired
	}
	return exp, ""
}
