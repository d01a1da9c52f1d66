package lang

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Money formats an amount of minor units of an ISO 4217 currency with
// digits decimals (the caller's minor-unit table decides: Antom counts
// two for IDR where CLDR shows none) as the language writes money: its
// symbol for the currency from CLDR ("$" in English, "US$" in Chinese,
// "JP¥" in Simplified Chinese), its grouping and decimal marks
// ("US$1.234,50" in Indonesian), and a no-break space after a symbol
// that ends in a letter ("Rp 18.500,00"), as CLDR's currency spacing
// says. Exact for amounts below 2^53 minor units.
func (l *Localizer) Money(code string, minor int64, digits int) string {
	key := amount{code, minor, digits}
	if s, ok := l.amounts.Load(key); ok {
		return s
	}
	return l.amounts.Store(key, l.money(code, minor, digits))
}

// amount keys Money's memo.
type amount struct {
	code   string
	minor  int64
	digits int
}

// money is Money without the memo.
func (l *Localizer) money(code string, minor int64, digits int) string {
	neg := minor < 0
	if neg {
		minor = -minor
	}
	value := float64(minor) / math.Pow10(digits)
	num := l.printer.Sprint(number.Decimal(value, number.Scale(digits)))
	sym := l.symbol(code)
	if neg {
		return "-" + sym + num
	}
	return sym + num
}

// Symbol is how the language writes currency code before an amount, as
// Money writes it: "JP¥" for yen in Simplified Chinese, "¥" in English.
// For words a catalog writes about amounts ("JP¥…91"), so that they read
// as the page's prices do.
func (l *Localizer) Symbol(code string) string { return l.symbol(code) }

// symbol is how the language writes a currency before an amount
// (symbolIn), memoized.
func (l *Localizer) symbol(code string) string {
	if sym, ok := l.symbols.Load(code); ok {
		return sym
	}
	sym, known := symbolIn(l.printer, l.lang.tag, code)
	if known { // ISO 4217 codes only: the memo stays small
		l.symbols.Store(code, sym)
	}
	return sym
}

// symbolIn is how the language of tag (p its printer) writes a currency
// before an amount: its symbol, with a no-break space after one that ends
// in a letter; the code itself for a currency CLDR does not know (known
// false).
func symbolIn(p *message.Printer, tag language.Tag, code string) (sym string, known bool) {
	sym = code
	u, err := currency.ParseISO(code)
	if err == nil {
		sym = p.Sprint(currency.Symbol(u))
		// x/text lacks some languages' symbol for their own currency
		// (Thai's ฿): its narrow symbol is the one CLDR gives.
		if home, _ := currency.FromTag(tag); sym == code && home == u {
			sym = p.Sprint(currency.NarrowSymbol(u))
		}
	}
	if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
		sym += "\u00a0"
	}
	return sym, err == nil
}

// DecimalMark is the mark the language writes before decimals, as its
// Money does: "," in Indonesian, "." in English.
func (l *Localizer) DecimalMark() string { return l.mark }

// decimalMark asks CLDR's data, through p, for its language's mark.
func decimalMark(p *message.Printer) string {
	return strings.Trim(p.Sprint(number.Decimal(1.5, number.Scale(1))), "0123456789")
}
