package checkout

import (
	"fmt"
	"strings"

	"golang.org/x/text/width"

	"antom-checkout/lang"
)

// maxAmountDigits bounds typed amounts well inside int64.
const maxAmountDigits = 15

// ParseMajor reads an amount typed by a person in major units ("12.50"
// dollars, "1200" yen) into minor units of currency, with a dot before
// the decimals (staff forms are in English). The message says what is
// wrong, in English words, when it cannot.
func ParseMajor(currency, typed string) (int64, string) {
	minor, problem := parseMajor(currency, typed, ".")
	if problem.id != "" {
		return 0, lang.For(lang.English).T(problem.id, problem.args)
	}
	return minor, ""
}

// amountProblem is why a typed amount was refused: a message of package
// lang's catalogs (amount.*) and its arguments; zero when there is none.
type amountProblem struct {
	id   string
	args lang.Args
}

// parseMajor is ParseMajor for a language whose decimal mark is mark
// ("." or "," as lang.Localizer.DecimalMark says), saying what is wrong
// as a message for any language (a buyer's form says it in the buyer's).
// The dot is read as the decimal mark too; at most one mark is read.
// Where the dot is the language's thousands separator ("," languages), a
// dot with exactly three digits after it ("1.200") could mean either, so
// it is refused as amount.grouping; so is an amount with two or more
// marks that really groups its thousands ("1.234,50", "1,200.00",
// "1,250,000": groupedThousands) and a comma where the comma is no
// decimal mark ("1,200" in English). Other marks ("12.9.1", "1,2,3",
// "1.25.000") are no number: amount.not_number, not a word about
// separators the buyer did not write. A mark needs a digit before it and
// after it: "4." (perhaps "4.5" cut short) and "4.5." are refused as
// amount.not_number; ".5" is 0.5. Full-width digits and marks, as CJK
// input methods type them ("１２．５０"), read as their ASCII twins;
// any other character (a "+", an exponent, other scripts' digits,
// spaces inside) is refused. Around spaces are left out; a "-" is
// refused as amount.above_zero. Examples in messages use mark.
func parseMajor(currency, typed, mark string) (int64, amountProblem) {
	if mark != "," {
		mark = "."
	}
	digits, ok := minorUnits[currency]
	if !ok {
		return 0, amountProblem{"amount.no_entry", lang.Args{"Currency": currency}}
	}
	example := "12" + mark + "50"
	if digits == 0 {
		example = "1200"
	}
	s := strings.TrimSpace(width.Narrow.String(typed))
	if s == "" {
		return 0, amountProblem{id: "amount.empty"}
	}
	negative := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	grouping := amountProblem{"amount.grouping", lang.Args{"Example": example}}
	notNumber := amountProblem{"amount.not_number", lang.Args{"Example": example}}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") || strings.Contains(s, "..") || strings.Contains(s, ",,") ||
		strings.Contains(s, ".,") || strings.Contains(s, ",.") {
		return 0, notNumber // "4.", "4.5.", "1..5": a mark with no digit after it
	}
	sep := strings.IndexAny(s, ".,")
	if sep >= 0 && strings.ContainsAny(s[sep+1:], ".,") {
		if groupedThousands(s) {
			return 0, grouping
		}
		return 0, notNumber
	}
	whole, frac := s, ""
	if sep >= 0 {
		whole, frac = s[:sep], s[sep+1:]
		switch used := s[sep : sep+1]; {
		case used != "." && used != mark:
			if allDigits(whole) && allDigits(frac) && len(frac) == 3 && whole != "" {
				return 0, grouping // "1,200" in English
			}
			return 0, notNumber
		case used == "." && mark != "." && len(frac) == 3 && whole != "" && allDigits(whole) && allDigits(frac):
			return 0, grouping // "1.200" in Indonesian: 1200 or 1,2?
		}
	}
	if !allDigits(whole) || !allDigits(frac) || whole+frac == "" {
		return 0, notNumber
	}
	if len(frac) > digits {
		if digits == 0 {
			return 0, amountProblem{"amount.no_minor", lang.Args{"Currency": currency}}
		}
		return 0, amountProblem{"amount.decimals", lang.Args{"Currency": currency, "Digits": digits}}
	}
	if len(strings.TrimLeft(whole, "0")) > maxAmountDigits-digits {
		return 0, amountProblem{id: "amount.too_large"}
	}
	frac += strings.Repeat("0", digits-len(frac))
	var minor int64
	for _, r := range whole + frac {
		minor = minor*10 + int64(r-'0')
	}
	if negative || minor == 0 {
		return 0, amountProblem{id: "amount.above_zero"}
	}
	return minor, amountProblem{}
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

// groupedThousands reports whether s, digits with two or more marks,
// is written with thousands separators: one to three digits, then groups
// of exactly three digits each after the same separator ("," or "."),
// then perhaps decimals after the other mark — "1,250.00", "1.250,00",
// "1,250,000", "12.500.000". The single-mark "1,200" and "1.200" are
// parseMajor's own cases.
func groupedThousands(s string) bool {
	sep := strings.IndexAny(s, ".,")
	if sep < 1 || sep > 3 || !allDigits(s[:sep]) {
		return false
	}
	group, decimal := s[sep], byte('.')
	if group == '.' {
		decimal = ','
	}
	rest, frac := s[sep:], ""
	if i := strings.IndexByte(rest, decimal); i >= 0 {
		rest, frac = rest[:i], rest[i+1:]
		if frac == "" || !allDigits(frac) {
			return false
		}
	}
	for rest != "" {
		if len(rest) < 4 || rest[0] != group || !allDigits(rest[1:4]) {
			return false
		}
		rest = rest[4:]
	}
	return true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
