package checkout

import (
	"strconv"
	"strings"
)

// minorUnits is ISO 4217's number of decimals for the currencies we sell
// and settle in, as Antom counts them (IDR has two on Antom's wire).
var minorUnits = map[string]int{
	"USD": 2, "EUR": 2, "GBP": 2, "HKD": 2, "SGD": 2, "CNY": 2, "PHP": 2, "IDR": 2,
	"MYR": 2, "THB": 2, "JPY": 0, "KRW": 0,
}

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "HKD": "HK$", "CNY": "CN¥"}

// Money is an amount in minor units of a currency.
type Money struct {
	Currency string
	Minor    int64
}

// String formats money for people: "$18.50", "¥2,400", "PHP 1,234.00".
func (m Money) String() string {
	digits := minorUnits[m.Currency]
	neg := m.Minor < 0
	n := m.Minor
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	frac := ""
	if digits > 0 {
		for len(s) <= digits {
			s = "0" + s
		}
		s, frac = s[:len(s)-digits], "."+s[len(s)-digits:]
	}
	out := groupThousands(s) + frac
	if sym, ok := currencySymbols[m.Currency]; ok {
		out = sym + out
	} else {
		out = m.Currency + " " + out
	}
	if neg {
		out = "−" + out
	}
	return out
}

func groupThousands(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Digits is the currency's number of decimals: how many of Minor's
// digits are after the decimal mark (0 for JPY and KRW, 2 for IDR as
// Antom counts it; 0 for a currency missing from the table, as String).
func (m Money) Digits() int { return minorUnits[m.Currency] }

// AmountParts lets a message of package lang show the amount in the
// reader's language (lang.Amount).
func (m Money) AmountParts() (currency string, minor int64, digits int) {
	return m.Currency, m.Minor, m.Digits()
}
