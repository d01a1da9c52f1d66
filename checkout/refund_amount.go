package checkout

import (
	"fmt"
	"strings"
)

// maxAmountDigits bounds typed amounts well inside int64.
const maxAmountDigits = 15

// ParseMajor reads an amount typed by a person in major units ("12.50"
// dollars, "1200" yen) into minor units of currency. The message says
// what is wrong, in words, when it cannot.
func ParseMajor(currency, typed string) (int64, string) {
	digits, ok := minorUnits[currency]
	if !ok {
		return 0, "Amounts in " + currency + " cannot be entered here."
	}
	example := "12.50"
	if digits == 0 {
		example = "1200"
	}
	s := strings.TrimSpace(typed)
	if s == "" {
		return 0, "Enter an amount."
	}
	negative := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if !allDigits(whole) || !allDigits(frac) || whole+frac == "" {
		return 0, fmt.Sprintf("Enter a number, like %s.", example)
	}
	if len(frac) > digits {
		if digits == 0 {
			return 0, currency + " has no minor unit: enter a whole number."
		}
		return 0, fmt.Sprintf("%s has %d decimals: use at most %d digits after the point.", currency, digits, digits)
	}
	if len(strings.TrimLeft(whole, "0")) > maxAmountDigits-digits {
		return 0, "That amount is too large."
	}
	frac += strings.Repeat("0", digits-len(frac))
	var minor int64
	for _, r := range whole + frac {
		minor = minor*10 + int64(r-'0')
	}
	if negative || minor == 0 {
		return 0, "Enter an amount above zero."
	}
	return minor, ""
}

// FormatMajor writes minor units as a plain major-unit number ("12.50",
// "1200"), the way ParseMajor reads it back.
func FormatMajor(currency string, minor int64) string {
	digits := minorUnits[currency]
	s := fmt.Sprintf("%0*d", digits+1, minor)
	if digits == 0 {
		return s
	}
	return s[:len(s)-digits] + "." + s[len(s)-digits:]
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
