package lang

import "testing"

func TestMoney(t *testing.T) {
	cases := []struct {
		lang, currency string
		minor          int64
		digits         int
		want           string
	}{
		{"en", "USD", 1850, 2, "$18.50"},
		{"en", "JPY", 2400, 0, "¥2,400"},
		{"en", "USD", 123456789012, 2, "$1,234,567,890.12"},
		{"en", "USD", 5, 2, "$0.05"},
		{"en", "USD", -1850, 2, "-$18.50"},
		{"zh-Hans", "USD", 1850, 2, "US$18.50"},
		{"zh-Hans", "JPY", 2400, 0, "JP¥2,400"},
		{"zh-Hant", "USD", 1850, 2, "US$18.50"},
		{"zh-Hant", "JPY", 2400, 0, "¥2,400"},
		{"ko", "USD", 1850, 2, "US$18.50"},
		{"ko", "KRW", 15000, 0, "₩15,000"},
		{"ko", "JPY", 2400, 0, "JP¥2,400"},
		{"id", "USD", 123450, 2, "US$1.234,50"},
		{"id", "IDR", 1850000, 2, "Rp\u00a018.500,00"}, // Antom counts two decimals for IDR
		{"ms", "MYR", 1850, 2, "RM\u00a018.50"},
		{"ms", "USD", 1850, 2, "USD\u00a018.50"},
		{"th", "THB", 123450, 2, "฿1,234.50"},
		{"th", "JPY", 2400, 0, "¥2,400"},
		{"en", "XYZ", 1850, 2, "XYZ\u00a018.50"}, // no such currency: its code
	}
	for _, c := range cases {
		l, _ := ByCode(c.lang)
		if got := For(l).Money(c.currency, c.minor, c.digits); got != c.want {
			t.Errorf("%s: Money(%s %d, %d) = %q, want %q", c.lang, c.currency, c.minor, c.digits, got, c.want)
		}
	}
}
