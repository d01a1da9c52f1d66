package app

import (
	"net/url"
	"regexp"
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

// maxMerchantContact bounds MERCHANT_CONTACT, in bytes: it sits in every
// buyer page's footer.
const maxMerchantContact = 200

// contactAddress is an email address MERCHANT_CONTACT may be: letters,
// digits and . _ + - before the @, a host name of dotted labels after.
// Nothing in it needs escaping in a mailto: link.
var contactAddress = regexp.MustCompile(`^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// checkMerchantContact reads MERCHANT_CONTACT, how buyers reach the shop:
// "" (none), an email address (help@shop.example) or an https:// URL
// (https://shop.example/contact). It returns the setting trimmed.
func checkMerchantContact(raw string) (string, error) {
	c := strings.TrimSpace(raw)
	bad := &settingError{"MERCHANT_CONTACT", "must be an email address like help@shop.example or an https:// URL like https://shop.example/contact"}
	switch {
	case c == "":
		return "", nil
	case len(c) > maxMerchantContact:
		return "", &settingError{"MERCHANT_CONTACT", "must be at most 200 characters"}
	case strings.Contains(c, "://"):
		u, err := url.Parse(c)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Hostname() == "" ||
			strings.IndexFunc(c, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' || r == '<' || r == '>' || r == '\\' }) >= 0 {
			return "", bad
		}
		return c, nil
	case contactAddress.MatchString(c):
		return c, nil
	}
	return "", bad
}
