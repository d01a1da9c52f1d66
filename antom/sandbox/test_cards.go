package sandbox

import (
	"strings"
	"time"

	"antom-checkout/antom"
)

// challengeCode is the 3-D Secure code that passes the sandbox's challenge
// page; any other code fails the payment.
const challengeCode = "123456"

// codeThreeDSFailed is the result code of a payment whose 3-D Secure
// challenge failed. API.md names no 3-D Secure code, so the sandbox uses
// a documented decline code rather than inventing one; the result
// message says that authentication failed.
const codeThreeDSFailed = codeRiskReject

// TestCard is a card number the hosted card page treats specially. Any
// other number that passes the Luhn check is a generic card that is
// authorized, its brand read from its first digits.
type TestCard struct {
	Number      string // as printed, in groups of four
	Brand       string // cardBrand: VISA, MASTERCARD
	Outcome     string // the payment's result code: SUCCESS or the decline code
	Challenge   bool   // 3-D Secure: a challenge page first (code 123456 passes, any other fails)
	Description string
	// ShortAuth: its authorization expires shortAuthValidity after it is
	// made, not cardAuthValidity (a sandbox convention, to see expiry).
	ShortAuth bool
}

// TestCards lists the hosted card page's test cards.
func TestCards() []TestCard {
	return []TestCard{
		{"4242 4242 4242 4242", "VISA", antom.CodeSuccess, false, "Visa, authorized", false},
		{"5555 5555 5555 4444", "MASTERCARD", antom.CodeSuccess, false, "Mastercard, authorized", false},
		{"4000 0000 0000 0002", "VISA", codeRiskReject, false, "declined by the issuer's risk control", false},
		{"4000 0000 0000 9995", "VISA", antom.CodeUserBalanceNotEnough, false, "declined: insufficient funds", false},
		{"4000 0000 0000 3220", "VISA", antom.CodeSuccess, true,
			"3-D Secure: a challenge page; code 123456 authorizes, any other code fails (RISK_REJECT)", false},
		{"4000 0000 0000 0077", "VISA", antom.CodeSuccess, false,
			"Visa, authorized; the authorization expires 2 minutes later, not 7 days (capture mode MANUAL: watch it expire)", true},
	}
}

// authValidity is how long an authorization of card k holds (authExpiryTime
// after it is made, before scaling): the short-lived test card's
// shortAuthValidity, every other card's cardAuthValidity. A card keeps
// only its BIN and last four digits, which tell the test card apart.
func authValidity(k card) time.Duration {
	for _, c := range TestCards() {
		digits := strings.ReplaceAll(c.Number, " ", "")
		if c.ShortAuth && k.BIN == digits[:6] && k.LastFour == digits[len(digits)-4:] {
			return shortAuthValidity
		}
	}
	return cardAuthValidity
}

// cardProfile is what a card number stands for in the sandbox.
type cardProfile struct {
	Brand     string
	Outcome   string // SUCCESS or a decline code
	Challenge bool
	Funding   string // CREDIT or DEBIT
	Country   string // issuing country
}

// profileOf returns the profile of a card number (digits only): a test
// card's, or a generic card that is authorized.
func profileOf(digits string) cardProfile {
	for _, c := range TestCards() {
		if strings.ReplaceAll(c.Number, " ", "") == digits {
			return cardProfile{Brand: c.Brand, Outcome: c.Outcome, Challenge: c.Challenge, Funding: fundingOf(c), Country: "US"}
		}
	}
	return cardProfile{Brand: brandOfNumber(digits), Outcome: antom.CodeSuccess, Funding: "CREDIT", Country: "US"}
}

// fundingOf is a test card's funding: the insufficient-funds card is a
// debit card, the others credit cards.
func fundingOf(c TestCard) string {
	if c.Outcome == antom.CodeUserBalanceNotEnough {
		return "DEBIT"
	}
	return "CREDIT"
}

// declineMessage is the result message of a card payment that ends with
// code.
func declineMessage(code string, challenged bool) string {
	switch {
	case challenged && code == codeThreeDSFailed:
		return "3-D Secure authentication failed: wrong challenge code"
	case code == codeRiskReject:
		return "the card was declined by the issuer's risk control (sandbox test card)"
	case code == antom.CodeUserBalanceNotEnough:
		return "the card was declined: insufficient funds (sandbox test card)"
	}
	return paymentMessage(code)
}
