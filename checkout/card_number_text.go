package checkout

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"antom-checkout/internal/luhn"
)

// holdsCardNumber reports whether s, free text staff type (a refund's
// reason, a note), holds what reads as a card number. Such text is
// refused (plainLine): a reason is kept, shown on the order's page,
// carried in the confirmation's address and sent to Antom, and a note is
// kept and shown — places a card number must never be.
//
// The text is read as runs of digit groups (digitRuns):
//
//   - A digit is any Unicode decimal digit, read as its value: full-width
//     "４１１１", Arabic-Indic, Thai "๔๑๑๑" are digits as "4111" is.
//   - Groups are parted by one to four separators (isGroupSeparator) —
//     spaces of any kind (a no-break or an ideographic space too),
//     hyphens and dashes, dots, slashes, commas, underscores, bars,
//     colons and more, doubled or with spaces around them: "4111  1111",
//     "4111 - 1111", "4111.1111", "4111,1111" and "4111|1111" are runs (an
//     amount's "1,250,000" too: its groups are no card's layout). Any
//     other character ends a run.
//   - An expiry written after a card's last digits with no space,
//     "…111112/34", is read as its own groups (splitExpiries): the card's
//     digits end before its month.
//   - IBANs and creditor references whose check digits confirm them
//     (withoutBankCodes) are not read: their digits in fours would be.
//
// In a run, a card number is 13 to 19 digits (ISO/IEC 7812) that pass
// the Luhn check, begin as a card's issuer number can (cardStart: not
// with 0, as a local phone number "0812345678906" and a zero-padded
// reference do, nor with 20, as this century's years, dates and
// timestamps do: "2026/2027 2027/2028", nor with 1 unless 15 digits long,
// as only UATP's airline cards are: "bins 1000 2000 3000 4000"), and are
// written as cards are
// (cardCandidates):
//
//   - one group written whole ("4111111111111111"), or
//   - groups in a row laid out as cards are written, one separator
//     throughout (cardLayouts: 4-4-4-4, with up to 3 digits more, 4-6-5,
//     4-6-4; and in fours for the issuers that write otherwise: American
//     Express's 4-4-4-3, Diners Club's 4-4-4-2, Visa's 13 digits 4-4-4-1,
//     UnionPay's 19 as 6-13; 13 to 19 digits one by one, "4 1 1 1 …";
//     each with a CVC or an expiry MMYY run on to its last group, "5555
//     5555 5555 4444123", "3782 822463 100051234"), or
//   - one group of 17 to 23 digits that is such a number with its expiry
//     (MMYY, month 01–12) run on to it: "41111111111111111230".
//
// wherever it stands in its run: digits around it (a quantity before, an
// expiry or CVC after: "4111 1111 1111 1111 12/30") do not hide it.
//
// What is not read, so that staff can write what they need to:
//
//   - other shapes of digits in a row: dates ("2026-12-01 2026-12-03",
//     "07.12.2026"), quantities, amounts and times pass the Luhn check one
//     time in ten by chance, and are no layout of a card (four numbers of
//     four digits in a row are: "1200 1500 3000 2500" is refused one time
//     in ten — staff then write them otherwise);
//   - a group longer than 23 digits (an Antom paymentId or refundId, 32
//     digits), nor one of 17 to 23 not ending in an expiry: in a long id,
//     one of its beginnings would pass the Luhn check one time in ten or
//     more (with an expiry's shape, about one id in 80 of those lengths
//     is refused). A CVC run on to a number ("4111111111111111123") is,
//     like any 19 digits, read whole, and so most often not refused;
//   - a phone number: a run opened by "+" holds one in its first 15
//     digits at most (E.164), so what lies wholly within them is not read
//     ("+62 812 3456 7899"); 16 digits or more after a "+" are no phone
//     number, and are read ("+4111111111111111");
//   - groups whose separators differ: two phone numbers in a list
//     ("0812-3456-7890 / 0813-1111-2222"), years ("2567/2568 2568/2569");
//     a list after commas, semicolons or bars and spaces ("cards ending 8732, 3541, 3261,
//     8850", as the refusal asks staff to write them) or after "、"
//     (Chinese and Japanese lists: "订单 1234、5678、9012、3456"); six or
//     more 4-digit numbers in a row (a card and its expiry are five);
//   - groups of other lengths: "4111 11 11 1111 1111" is not read (who
//     writes a card so writes it in no one layout to look for).
//
// Digits glued to words are read as any others ("Visa4111111111111111",
// "卡号4111111111111111").
func holdsCardNumber(s string) bool {
	for _, whole := range digitRuns(withoutBankCodes(s)) {
		// Read as written and with expiries cut off: "…1111/12/34" is a
		// card, then its expiry, while "…11" before "/12" also reads as
		// a month; neither reading hides the other.
		for _, run := range []digitRun{whole, splitExpiries(whole)} {
			for _, c := range cardCandidates(run) {
				if run.inPhone(c.from, len(c.digits)) {
					continue
				}
				if cardStart(c.digits) && luhn.Valid(c.digits) {
					return true
				}
			}
		}
	}
	return false
}

// maxPhoneDigits: E.164 numbers have at most 15 digits.
const maxPhoneDigits = 15

// maxSeparators between two groups of a run: "4111 -- 1111" has 4.
const maxSeparators = 4

// cardLayouts are the groups a card number is written in (ISO/IEC 7812:
// 13 to 19 digits), each with the issuer numbers it is written for (any
// when none): 4-4-4-4 (Visa, Mastercard, Discover, JCB, UnionPay), with
// 1 to 3 digits more for the longer ones; 4-6-5 (American Express) and
// 4-6-4 (Diners Club); and, as people also write them, in fours: Visa's
// 13 digits 4-4-4-1, Diners Club's 14 4-4-4-2, American Express's 15
// 4-4-4-3, and UnionPay's 19 as 6-13; and digit by digit, 13 to 19
// single digits. Each is read with a CVC (3 or 4 digits) or an expiry
// MMYY run on to its last group too (runOnDigits).
var cardLayouts = append([]cardLayout{
	{groups: []int{4, 4, 4, 4}},
	{groups: []int{4, 4, 4, 4, 1}},
	{groups: []int{4, 4, 4, 4, 2}},
	{groups: []int{4, 4, 4, 4, 3}},
	{groups: []int{4, 6, 5}},
	{groups: []int{4, 6, 4}},
	{groups: []int{4, 4, 4, 1}, starts: []string{"4"}},
	{groups: []int{4, 4, 4, 2}, starts: []string{"30", "36", "38"}},
	{groups: []int{4, 4, 4, 3}, starts: []string{"34", "37"}},
	{groups: []int{6, 13}, starts: []string{"62"}},
}, singleDigits(13, 19)...)

// cardLayout is one of cardLayouts: its groups' lengths and the issuer
// numbers it is written for (any when none).
type cardLayout struct {
	groups []int
	starts []string
}

// runOnDigits are how many digits a CVC (3, or American Express's 4) or
// an expiry MMYY (4) adds to a layout's last group when run on to it
// ("5555 5555 5555 4444123", "3782 822463 100051234"); minRunOnGroup:
// a group so made is read only when it has 7 digits or more, longer
// than a group of any layout but UnionPay's 13 — "1200 1500 3000 2500
// 1800", five 4-digit numbers, is not 4-4-4-4-1 with a CVC.
var runOnDigits = []int{3, 4}

const minRunOnGroup = 7

// layoutDigits is how many of groups' digits are a card's in layout l:
// all of them, l's lengths exactly; with a CVC or expiry run on to the
// last group (runOnDigits), those before it; 0 when groups are not l.
func layoutDigits(groups []string, l cardLayout) int {
	got, want := lengths(groups), l.groups
	last := len(want) - 1
	if !slices.Equal(got[:last], want[:last]) {
		return 0
	}
	total := 0
	for _, n := range want {
		total += n
	}
	if got[last] == want[last] {
		return total
	}
	for _, more := range runOnDigits {
		if got[last] == want[last]+more && got[last] >= minRunOnGroup {
			return total
		}
	}
	return 0
}

// singleDigits are the layouts of from to to digits written one by one
// ("4 1 1 1 1 1 …").
func singleDigits(from, to int) []cardLayout {
	var out []cardLayout
	for n := from; n <= to; n++ {
		ones := make([]int, n)
		for i := range ones {
			ones[i] = 1
		}
		out = append(out, cardLayout{groups: ones})
	}
	return out
}

// digitRun is a run of digit groups (ASCII digits each) in a text.
// seps[i] is the separator before groups[i+1], spaces around another
// one left out ("4111 - 1111": "-"; "4111  1111": " "). phoneDigits:
// how many of its first digits may be a phone number (maxPhoneDigits
// when opened by "+", else 0).
type digitRun struct {
	groups      []string
	seps        []string
	phoneDigits int
}

// inPhone reports whether run's n digits from its digit from lie wholly
// within the phone number opening it.
func (run digitRun) inPhone(from, n int) bool {
	return from+n <= run.phoneDigits
}

// cardCandidate is digits that may be a card number, from digits into
// its run.
type cardCandidate struct {
	digits string
	from   int
}

// cardCandidates are the digits of run written as a card number is: a
// group whole, a group with an expiry run on to it, groups in one of
// cardLayouts parted by one separator throughout (cards are written so;
// "0812-3456-7890 / 0813-…", two phone numbers, and "2567/2568 2568/2569",
// years, are not one). Their lengths and layouts' issuer numbers only are
// checked here.
func cardCandidates(run digitRun) []cardCandidate {
	var out []cardCandidate
	from := 0
	for i, g := range run.groups {
		n := len(g)
		if n >= 13 && n <= 19 {
			out = append(out, cardCandidate{g, from})
		}
		if n >= 17 && n <= 23 && isExpiry(g[n-4:]) {
			out = append(out, cardCandidate{g[:n-4], from})
		}
		for _, l := range cardLayouts {
			end := i + len(l.groups)
			if l.groups[0] == 4 && l.groups[1] == 4 && fours(run, i) >= minFoursList {
				continue // a list of 4-digit numbers: "orders 6306 8200 8910 8944 7117 7097"
			}
			if end > len(run.groups) || !oneSeparator(run.seps[i:end-1]) {
				continue
			}
			n := layoutDigits(run.groups[i:end], l)
			if n == 0 {
				continue
			}
			digits := strings.Join(run.groups[i:end], "")[:n]
			if l.starts == nil || slices.ContainsFunc(l.starts, func(p string) bool { return strings.HasPrefix(digits, p) }) {
				out = append(out, cardCandidate{digits, from})
			}
		}
		from += len(g)
	}
	return out
}

// expirySplit is the separator splitExpiries puts between a group and
// the month it ended with: equal to no separator written.
const expirySplit = "month"

// splitExpiries is run with each group that ends in a month (01–12) and
// is followed by "/" and a year (an expiry, MM/YY or MM/20YY, run on to a
// card number: "411111111111111112/34") cut before its month, so that the
// card's digits are a group of their own (or end a layout's last group).
func splitExpiries(run digitRun) digitRun {
	run.groups, run.seps = slices.Clone(run.groups), slices.Clone(run.seps) // the run as written is read too
	for i := len(run.groups) - 2; i >= 0; i-- {
		g := run.groups[i]
		year := run.groups[i+1]
		if len(g) < 3 || run.seps[i] != "/" || !(len(year) == 2 || len(year) == 4 && strings.HasPrefix(year, "20")) || !isExpiry(g[len(g)-2:]+"00") {
			continue
		}
		run.groups = slices.Insert(run.groups, i+1, g[len(g)-2:])
		run.groups[i] = g[:len(g)-2]
		run.seps = slices.Insert(run.seps, i, expirySplit)
	}
	return run
}

// minFoursList: this many 4-digit groups in a row, one separator
// between them, are a list, not a card's 4-4-4-4 (with its expiry, 5).
const minFoursList = 6

// fours is how many 4-digit groups in a row run's group i stands among,
// one separator between them all, past the phone number opening a run
// after "+" (0 when it has not 4 digits, or when their separators
// differ).
func fours(run digitRun, i int) int {
	phone := 0 // groups of a phone number opening the run: not in the list
	for n := 0; phone < len(run.groups) && run.inPhone(n, len(run.groups[phone])); phone++ {
		n += len(run.groups[phone])
	}
	four := func(j int) bool { return j >= phone && len(run.groups[j]) == 4 }
	if !four(i) {
		return 0
	}
	from, to := i, i
	for from > 0 && four(from-1) {
		from--
	}
	for to+1 < len(run.groups) && four(to+1) {
		to++
	}
	if !oneSeparator(run.seps[from:to]) {
		return 0
	}
	return to - from + 1
}

// oneSeparator reports whether seps are all the same separator (none
// of them two different ones, separatorOf's "").
func oneSeparator(seps []string) bool {
	return !slices.ContainsFunc(seps, func(s string) bool { return s == "" || s != seps[0] })
}

// cardStart reports whether digits begin as a card number can: no
// issuer number begins with 0 (ISO/IEC 7812 gives 0 to no card issuer),
// nor with 20 (Mastercard's 2-series begins at 2221; enRoute's 2014 and
// 2149 are gone), nor with 1 unless it has 15 digits (UATP's airline
// cards, the only ones from 1: "bins 1000 2000 3000 4000" is none).
func cardStart(digits string) bool {
	return digits[0] != '0' && !strings.HasPrefix(digits, "20") && (digits[0] != '1' || len(digits) == 15)
}

// isExpiry reports whether mmyy, 4 ASCII digits, is a card's expiry:
// a month 01 to 12, then a year.
func isExpiry(mmyy string) bool {
	return mmyy[0] == '0' && mmyy[1] != '0' || mmyy[0] == '1' && mmyy[1] <= '2'
}

// lengths are the lengths of groups.
func lengths(groups []string) []int {
	n := make([]int, len(groups))
	for i, g := range groups {
		n[i] = len(g)
	}
	return n
}

// digitRuns are s's runs of digit groups, each digit as its ASCII digit.
func digitRuns(s string) []digitRun {
	var runs []digitRun
	var cur *digitRun
	var group strings.Builder
	var sep []rune   // separators since cur's last digit
	prev := rune(-1) // the rune before this one
	// end ends cur, whose group is never empty.
	end := func() {
		cur.groups = append(cur.groups, group.String())
		group.Reset()
		runs = append(runs, *cur)
		cur, sep = nil, sep[:0]
	}
	for _, r := range s {
		d, isDigit := digitValue(r)
		switch {
		case isDigit && cur == nil:
			cur = &digitRun{}
			if prev == '+' || prev == '＋' {
				cur.phoneDigits = maxPhoneDigits
			}
			group.WriteByte(d)
		case isDigit:
			if len(sep) > 0 {
				cur.groups = append(cur.groups, group.String())
				cur.seps = append(cur.seps, separatorOf(sep))
				group.Reset()
				sep = sep[:0]
			}
			group.WriteByte(d)
		case cur != nil && isGroupSeparator(r) && len(sep) < maxSeparators:
			sep = append(sep, r)
		default:
			if cur != nil {
				end()
			}
		}
		prev = r
	}
	if cur != nil {
		end()
	}
	return runs
}

// separatorOf is the separator seps (runes between two groups) stand
// for: the one that is no space, or " " for spaces alone; "" for two
// different ones, which equals no other, and for a list's mark with a
// space (listMark).
func separatorOf(seps []rune) string {
	if slices.ContainsFunc(seps, isListMark) && slices.ContainsFunc(seps, func(r rune) bool { return unicode.Is(unicode.Zs, r) }) {
		return "" // ", ": a list ("cards ending 8732, 3541, 3261, 8850"), no card's groups
	}
	out := " "
	for _, r := range seps {
		if unicode.Is(unicode.Zs, r) {
			continue
		}
		sep := width.Fold.String(string(r)) // "／" is "/"
		if out != " " && out != sep {
			return ""
		}
		out = sep
	}
	return out
}

// isListMark: a mark that, with a space beside it, parts a list's items
// — a comma, a semicolon, a vertical bar (a table's cells), ASCII or
// full-width — and without one may part a card number's groups too
// ("4111,1111,1111,1111", "4111|1111|1111|1111").
func isListMark(r rune) bool {
	switch r {
	case ',', '，', ';', '；', '|', '｜', '¦':
		return true
	}
	return false
}

// isGroupSeparator: a character written between a card number's groups —
// any space, a hyphen or dash, a minus sign, a dot or middle dot, a
// slash or backslash, an underscore, a list's mark (isListMark), a
// colon, an asterisk, a tilde or wave dash, a caret, an apostrophe (a
// thousands separator in Switzerland), an equals sign, a backquote, and
// their full-width forms. Not the signs that lead, join or wrap numbers
// in ordinary text — "+" (it opens a phone number, digitRuns, and adds
// amounts), "#" ("tickets #4821"), "%", currency signs, brackets and
// quotes ("(4500) (3900) (4200) (5100)", 「4500」「3900」), arrows, "&":
// read as separators, a list of four 4-digit numbers would be a card's
// layout, refused one time in ten (review).
func isGroupSeparator(r rune) bool {
	switch r {
	case '.', '/', '\\', '_', ':', '*', '~', '^', '\'', '’', '=', '`', '\u2212',
		'．', '／', '＼', '＿', '：', '＊', '～', '〜', '＾', '＝', '＇',
		'・', '･', '·', '•', '∙', '‧', '⁃', 'ー':
		return true
	}
	return isListMark(r) || unicode.In(r, unicode.Zs, unicode.Pd)
}

// digitValue is r's value as an ASCII digit, if r is a Unicode decimal
// digit (category Nd). Unicode writes each script's digits 0 to 9 as 10
// code points in a row (its stability policy), so in each range of
// unicode.Nd, a run of such tens, a digit's value is its distance from
// the range's start, modulo 10 (TestDigitRangesAreTens checks the table).
func digitValue(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r), true
	}
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte('0' + (r-rune(rg.Lo))%10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte('0' + (r-rune(rg.Lo))%10), true
		}
	}
	return 0, false
}
