package checkout

import (
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// FuzzParseMajor feeds the form amount parser (refunds, captures: amounts
// typed in major units) the vectors' amounts written as a person would
// type them and what the fuzzer makes of them. It never panics; what it
// accepts is above zero, within 15 digits, and writes back (FormatMajor)
// as text it reads as the same amount; what it refuses reads as 0 with a
// message. Read with a decimal comma, what it accepts is what the dot's
// reading accepts with the comma made a dot. Full-width characters read
// as their ASCII twins (width.Narrow); what is accepted holds nothing
// else than digits and one mark between two digits.
func FuzzParseMajor(f *testing.F) {
	for _, seed := range []struct{ currency, typed string }{
		{"HKD", "10.00"}, {"USD", "20.00"}, {"USD", "12.5"}, {"USD", ".05"}, {"JPY", "2400"}, {"KRW", "1000"},
		{"USD", "-5"}, {"USD", "1e3"}, {"USD", "1,200.00"}, {"JPY", "12.5"}, {"USD", "99999999999999999"},
		{"XXX", "1"}, {"USD", " 0012.00 "}, {"USD", "١٢"}, {"USD", ""},
		{"USD", "12,91"}, {"USD", "1.200"}, {"USD", "1.234,56"}, {"JPY", "1,200"}, {"USD", ",5"},
		{"USD", "4."}, {"USD", "4.5."}, {"USD", "１２．５０"}, {"USD", "１２，５"}, {"USD", "+4"}, {"USD", "-0"},
	} {
		f.Add(seed.currency, seed.typed)
	}
	f.Fuzz(func(t *testing.T, currency, typed string) {
		narrow := width.Narrow.String(typed)
		if byComma, p := parseMajor(currency, typed, ","); p.id == "" {
			byDot, msg := ParseMajor(currency, strings.Replace(narrow, ",", ".", 1))
			if byDot != byComma || msg != "" {
				t.Fatalf("%s %q read with a decimal comma as %d, with the comma a dot as %d %q", currency, typed, byComma, byDot, msg)
			}
		} else if byComma != 0 {
			t.Fatalf("%s %q refused with a decimal comma (%s) but read %d", currency, typed, p.id, byComma)
		}
		minor, msg := ParseMajor(currency, typed)
		if msg != "" {
			if minor != 0 {
				t.Fatalf("refused %q (%s) but read %d", typed, msg, minor)
			}
			return
		}
		if minor <= 0 || minor >= 1e15 {
			t.Fatalf("%s %q read as %d", currency, typed, minor)
		}
		written := FormatMajor(currency, minor)
		back, msg := ParseMajor(currency, written)
		if back != minor || msg != "" {
			t.Fatalf("%s %q read as %d, written %q, read back as %d %q", currency, typed, minor, written, back, msg)
		}
		digits := strings.TrimSpace(narrow)
		if strings.ContainsFunc(digits, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }) {
			t.Fatalf("%q accepted with characters that are not digits", typed)
		}
		if strings.HasSuffix(digits, ".") || strings.Count(digits, ".") > 1 {
			t.Fatalf("%q accepted with a mark not between two digits", typed)
		}
	})
}
