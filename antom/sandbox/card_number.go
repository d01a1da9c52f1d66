package sandbox

import (
	"strconv"
	"strings"
	"time"
)

// Card numbers as the hosted page reads them. Nothing here logs or keeps
// a number: callers keep only the BIN and the last four digits.

// cardDigits strips the spaces and dashes people type in card numbers
// and reports whether what is left is 12 to 19 digits.
func cardDigits(typed string) (string, bool) {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, typed)
	if len(digits) < 12 || len(digits) > 19 || !allDigits(digits) {
		return digits, false
	}
	return digits, true
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// brandOfNumber names the card scheme of a number by its first digits.
func brandOfNumber(digits string) string {
	p2, _ := strconv.Atoi(digits[:2])
	p4, _ := strconv.Atoi(digits[:4])
	switch {
	case digits[0] == '4':
		return "VISA"
	case (p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720):
		return "MASTERCARD"
	case p2 == 34 || p2 == 37:
		return "AMEX"
	case p4 >= 3528 && p4 <= 3589:
		return "JCB"
	case p4 == 6011 || p2 == 65 || (p4 >= 6440 && p4 <= 6499):
		return "DISCOVER"
	case p2 == 62:
		return "UNIONPAY"
	case p2 == 36 || p2 == 38 || p2 == 39 || (p4 >= 3000 && p4 <= 3059):
		return "DINERS"
	}
	return "UNKNOWN"
}

// maskedCardNo is cardNo as Antom reports it: twelve asterisks and the
// last four digits (vector notifyPayment_card.json).
func maskedCardNo(lastFour string) string { return strings.Repeat("*", 12) + lastFour }

// cardExpiry is a card's expiry month.
type cardExpiry struct {
	Month int // 1 … 12
	Year  int // four digits
}

// parseCardExpiry reads MM/YY (or MM/YYYY; spaces allowed).
func parseCardExpiry(typed string) (cardExpiry, bool) {
	mm, yy, ok := strings.Cut(strings.ReplaceAll(typed, " ", ""), "/")
	if !ok || len(mm) < 1 || len(mm) > 2 || (len(yy) != 2 && len(yy) != 4) || !allDigits(mm) || !allDigits(yy) {
		return cardExpiry{}, false
	}
	month, _ := strconv.Atoi(mm)
	year, _ := strconv.Atoi(yy)
	if len(yy) == 2 {
		year += 2000
	}
	if month < 1 || month > 12 {
		return cardExpiry{}, false
	}
	return cardExpiry{Month: month, Year: year}, true
}

// expiredAt reports whether the card can no longer be used at now: a
// card is good until the end of its expiry month.
func (e cardExpiry) expiredAt(now time.Time) bool {
	y, m, _ := now.Date()
	return e.Year < y || (e.Year == y && e.Month < int(m))
}

// monthText is the expiry month as Antom reports it: "01" … "12".
func (e cardExpiry) monthText() string { return twoDigits(e.Month) }

// yearText is the expiry year as Antom reports it: two digits.
func (e cardExpiry) yearText() string { return twoDigits(e.Year % 100) }

// twoDigits writes 0 … 99 with a leading zero.
func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
