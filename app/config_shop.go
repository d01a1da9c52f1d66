package app

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMerchantName is the shop's name when MERCHANT_NAME is not set.
const DefaultMerchantName = "Demo shop"

// maxMerchantName bounds MERCHANT_NAME, in characters: it sits in page
// headers and in the sandbox's wallet app.
const maxMerchantName = 64

// checkMerchantName wants a short printable name.
func checkMerchantName(name string) error {
	if n := utf8.RuneCountInString(name); n == 0 || n > maxMerchantName {
		return &settingError{"MERCHANT_NAME", "must be 1 to 64 characters"}
	}
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return &settingError{"MERCHANT_NAME", "must be printable text on one line"}
	}
	return nil
}

// maxTimeScale bounds SANDBOX_TIME_SCALE: slower than 10× real time helps
// nobody.
const maxTimeScale = 10

// parseTimeScale reads SANDBOX_TIME_SCALE: empty is 1 (real time),
// otherwise a number above 0 and at most 10, e.g. 0.1.
func parseTimeScale(raw string) (float64, error) {
	if raw == "" {
		return 1, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || !(f > 0 && f <= maxTimeScale) {
		return 0, &settingError{"SANDBOX_TIME_SCALE", "must be a number above 0 and at most 10, e.g. 0.1 (ten times faster)"}
	}
	return f, nil
}
