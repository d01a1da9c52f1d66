package app

import (
	"fmt"
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

// maxMerchantContact bounds MERCHANT_CONTACT, in characters (runes): it
// sits in every buyer page's footer.
const maxMerchantContact = 200

// contactAddress is an email address MERCHANT_CONTACT may be: letters,
// digits and . _ + - before the @ (dots only between other characters), a
// host name of dotted labels after. Nothing in it needs escaping in a
// mailto: link.
var contactAddress = regexp.MustCompile(`^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// unseen reports a character a reader cannot see for what it is: control
// characters (Cc), format characters such as U+202E right-to-left override
// or U+200B zero width space (Cf), and every space or separator (Zs, Zl,
// Zp), U+0020 and U+00A0 included.
func unseen(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zs, unicode.Zl, unicode.Zp)
}

// checkMerchantContact reads MERCHANT_CONTACT, how buyers reach the shop:
// "" (none), an email address (help@shop.example) or an https:// URL
// (https://shop.example/contact), at most 200 characters, no spaces,
// invisible or control characters, a port (if any) 1 to 65535. It returns
// the setting trimmed; errors name MERCHANT_CONTACT on one line.
func checkMerchantContact(raw string) (string, error) {
	c := strings.TrimSpace(raw)
	bad := &settingError{"MERCHANT_CONTACT", "must be an email address like help@shop.example or an https:// URL like https://shop.example/contact"}
	if c == "" {
		return "", nil
	}
	if utf8.RuneCountInString(c) > maxMerchantContact {
		return "", &settingError{"MERCHANT_CONTACT", "must be at most 200 characters"}
	}
	if i := strings.IndexFunc(c, unseen); i >= 0 {
		r, _ := utf8.DecodeRuneInString(c[i:])
		return "", &settingError{"MERCHANT_CONTACT", fmt.Sprintf("must not contain spaces, invisible or control characters (found U+%04X at character %d)", r, utf8.RuneCountInString(c[:i])+1)}
	}
	if strings.Contains(c, "://") {
		u, err := url.Parse(c)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Hostname() == "" ||
			strings.ContainsAny(c, "\"<>\\") {
			return "", bad
		}
		if strings.HasSuffix(u.Host, ":") || u.Port() != "" {
			if p, err := strconv.Atoi(u.Port()); err != nil || p < 1 || p > 65535 {
				return "", &settingError{"MERCHANT_CONTACT", "the URL's port must be 1 to 65535 (or leave it out)"}
			}
		}
		return c, nil
	}
	if contactAddress.MatchString(c) {
		return c, nil
	}
	if at := strings.LastIndexByte(c, '@'); at > 0 {
		if local := c[:at]; strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
			return "", &settingError{"MERCHANT_CONTACT", "the email address must not start or end with '.' or have '..' before the @"}
		}
	}
	return "", bad
}
