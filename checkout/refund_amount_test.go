package checkout

import "testing"

func TestParseMajor(t *testing.T) {
	for _, c := range []struct {
		currency, typed string
		want            int64
		msg             string
	}{
		{"USD", "12.50", 1250, ""},
		{"USD", " 12.5 ", 1250, ""},
		{"USD", "12", 1200, ""},
		{"USD", ".05", 5, ""},
		{"USD", ".5", 50, ""},
		{"USD", " 4 ", 400, ""},
		{"USD", "4.0", 400, ""},
		{"USD", "１２．５０", 1250, ""}, // full-width, as CJK input methods type it
		{"JPY", "２４００", 2400, ""},
		{"USD", "\u30004\u3000", 400, ""}, // ideographic spaces around
		// A mark needs a digit after it: "4." may be "4.5" cut short.
		{"USD", "12.", 0, "Enter a number, like 12.50."},
		{"USD", "4.", 0, "Enter a number, like 12.50."},
		{"USD", "4. ", 0, "Enter a number, like 12.50."},
		{"USD", "４．", 0, "Enter a number, like 12.50."},
		{"JPY", "4.", 0, "Enter a number, like 1200."},
		{"USD", "4.5.", 0, "Enter a number, like 12.50."},
		{"USD", "4..5", 0, "Enter a number, like 12.50."},
		{"USD", "4,.5", 0, "Enter a number, like 12.50."},
		{"USD", "4,00", 0, "Enter a number, like 12.50."},
		{"USD", "1e2", 0, "Enter a number, like 12.50."},
		{"USD", "+4", 0, "Enter a number, like 12.50."},
		{"USD", "4 000", 0, "Enter a number, like 12.50."},
		{"USD", "١٢", 0, "Enter a number, like 12.50."},
		{"USD", "-0", 0, "Enter an amount above zero."},
		{"USD", "-4.", 0, "Enter a number, like 12.50."},
		{"USD", "4.501", 0, "USD has 2 decimals: use at most 2 digits after the point."},
		{"USD", "4.500", 0, "USD has 2 decimals: use at most 2 digits after the point."},
		{"JPY", "4.0", 0, "JPY amounts have no decimals: enter a whole number."},
		{"KRW", "1000.5", 0, "KRW amounts have no decimals: enter a whole number."},
		{"KRW", "1000", 1000, ""},
		{"USD", "0012.00", 1200, ""},
		{"JPY", "2400", 2400, ""},
		{"USD", "", 0, "Enter an amount."},
		{"USD", "twelve", 0, "Enter a number, like 12.50."},
		{"USD", "1,200.00", 0, "Write the amount without thousands separators, like 12.50."},
		{"USD", "1,200", 0, "Write the amount without thousands separators, like 12.50."},
		{"JPY", "1,200", 0, "Write the amount without thousands separators, like 1200."},
		{"USD", "12,50", 0, "Enter a number, like 12.50."},
		// Two or more marks: separators only where they group thousands.
		{"USD", "1.2.3", 0, "Enter a number, like 12.50."},
		{"USD", "12.9.1", 0, "Enter a number, like 12.50."},
		{"USD", "1,2,3", 0, "Enter a number, like 12.50."},
		{"USD", "1,25.00", 0, "Enter a number, like 12.50."},
		{"USD", "1.25.000", 0, "Enter a number, like 12.50."},
		{"USD", "1234,567.00", 0, "Enter a number, like 12.50."},
		{"USD", "1,250.0.0", 0, "Enter a number, like 12.50."},
		{"USD", "1,250,00", 0, "Enter a number, like 12.50."},
		{"USD", "1,250.00", 0, "Write the amount without thousands separators, like 12.50."},
		{"USD", "1.250,00", 0, "Write the amount without thousands separators, like 12.50."},
		{"USD", "1,250,000", 0, "Write the amount without thousands separators, like 12.50."},
		{"USD", "12.500.000", 0, "Write the amount without thousands separators, like 12.50."},
		{"USD", "1,250,000.5", 0, "Write the amount without thousands separators, like 12.50."},
		{"JPY", "1.250.000", 0, "Write the amount without thousands separators, like 1200."},
		{"USD", "1e3", 0, "Enter a number, like 12.50."},
		{"USD", ".", 0, "Enter a number, like 12.50."},
		{"JPY", "12.5", 0, "JPY amounts have no decimals: enter a whole number."},
		{"USD", "1.234", 0, "USD has 2 decimals: use at most 2 digits after the point."},
		{"USD", "0", 0, "Enter an amount above zero."},
		{"USD", "0.00", 0, "Enter an amount above zero."},
		{"USD", "-5", 0, "Enter an amount above zero."},
		{"USD", "99999999999999999", 0, "That amount is too large."},
		{"XXX", "1", 0, "Amounts in XXX cannot be entered here."},
	} {
		got, msg := ParseMajor(c.currency, c.typed)
		if got != c.want || msg != c.msg {
			t.Errorf("ParseMajor(%s, %q) = %d, %q; want %d, %q", c.currency, c.typed, got, msg, c.want, c.msg)
		}
	}
}

func TestFormatMajorRoundTrips(t *testing.T) {
	for _, c := range []struct {
		currency string
		minor    int64
		want     string
	}{{"USD", 1250, "12.50"}, {"USD", 5, "0.05"}, {"JPY", 2400, "2400"}, {"USD", 100000, "1000.00"}} {
		got := FormatMajor(c.currency, c.minor)
		back, msg := ParseMajor(c.currency, got)
		if got != c.want || back != c.minor || msg != "" {
			t.Errorf("FormatMajor(%s, %d) = %q (back %d %q), want %q", c.currency, c.minor, got, back, msg, c.want)
		}
	}
}

// parseMajor in a language whose decimal mark is a comma reads it and the
// dot alike; a dot that could be a thousands separator ("1.200"), or
// more than one mark, is refused with examples written with a comma.
func TestParseMajorWithADecimalComma(t *testing.T) {
	for _, c := range []struct {
		currency, typed string
		want            int64
		problem         string
		example         string
	}{
		{"USD", "12,91", 1291, "", ""},
		{"USD", "12.91", 1291, "", ""},
		{"USD", "12,5", 1250, "", ""},
		{"USD", ",05", 5, "", ""},
		{"USD", "12,", 0, "amount.not_number", "12,50"},
		{"USD", "12,5,", 0, "amount.not_number", "12,50"},
		{"USD", "１２，５", 1250, "", ""},
		{"USD", "1200", 120000, "", ""},
		{"JPY", "1291", 1291, "", ""},
		{"USD", "1.200", 0, "amount.grouping", "12,50"},
		{"JPY", "1.200", 0, "amount.grouping", "1200"},
		{"USD", "1.234,56", 0, "amount.grouping", "12,50"},
		{"USD", "1,234.56", 0, "amount.grouping", "12,50"},
		{"USD", "12.9.1", 0, "amount.not_number", "12,50"},
		{"USD", "12,9,1", 0, "amount.not_number", "12,50"},
		{"USD", "1.250.000,5", 0, "amount.grouping", "12,50"},
		{"USD", "12,915", 0, "amount.decimals", ""},
		{"JPY", "12,5", 0, "amount.no_minor", ""},
		{"USD", "12;91", 0, "amount.not_number", "12,50"},
		{"USD", "-12,91", 0, "amount.above_zero", ""},
	} {
		got, p := parseMajor(c.currency, c.typed, ",")
		if got != c.want || p.id != c.problem || (c.example != "" && p.args["Example"] != c.example) {
			t.Errorf("parseMajor(%s, %q, \",\") = %d, %v; want %d, %s like %q", c.currency, c.typed, got, p, c.want, c.problem, c.example)
		}
	}
}
