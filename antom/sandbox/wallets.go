package sandbox

import (
	"strconv"
	"strings"
)

// walletBrand is a wallet that supports Scan to Link in the sandbox.
type walletBrand struct {
	Code       string // customerBelongsTo, e.g. "GCASH"
	Name       string // what the wallet app shows, e.g. "GCash"
	Currency   string // the wallet's local currency
	Local      int64  // a funded test user's balance in it, minor units
	TokenYears int    // access token validity (seed 000's table)
}

// walletBrands lists the Scan to Link wallets (seed 000), in display order.
func walletBrands() []walletBrand {
	return []walletBrand{
		{"ALIPAY_CN", "Alipay", "CNY", 1_000_000, 92},       // CNY 10,000.00
		{"ALIPAY_HK", "AlipayHK", "HKD", 1_000_000, 100},    // HKD 10,000.00
		{"GCASH", "GCash", "PHP", 5_000_000, 100},           // PHP 50,000.00
		{"DANA", "DANA", "IDR", 1_500_000_000, 100},         // IDR 15,000,000.00
		{"KAKAOPAY", "Kakao Pay", "KRW", 1_000_000, 100},    // KRW 1,000,000
		{"TNG", "Touch 'n Go eWallet", "MYR", 500_000, 100}, // MYR 5,000.00
		{"TRUEMONEY", "TrueMoney", "THB", 3_000_000, 100},   // THB 30,000.00
	}
}

// brandOf returns the Scan to Link wallet named by code.
func brandOf(code string) (walletBrand, bool) {
	for _, b := range walletBrands() {
		if b.Code == code {
			return b, true
		}
	}
	return walletBrand{}, false
}

// walletCodes lists the supported customerBelongsTo values, for messages.
func walletCodes() string {
	var codes []string
	for _, b := range walletBrands() {
		codes = append(codes, b.Code)
	}
	return strings.Join(codes, ", ")
}

// minorDigits is how many decimals an amount in currency has on Antom's
// wire (API.md §2.3: JPY and KRW none; IDR two, as Antom counts it).
func minorDigits(currency string) int {
	switch currency {
	case "JPY", "KRW":
		return 0
	}
	return 2
}

// formatMinor renders minor units for people: 100000 USD → "USD 1,000.00".
func formatMinor(currency string, minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	digits := minorDigits(currency)
	unit := int64(1)
	for range digits {
		unit *= 10
	}
	out := currency + " " + sign + groupThousands(minor/unit)
	if digits > 0 {
		frac := strconv.FormatInt(minor%unit, 10)
		out += "." + strings.Repeat("0", digits-len(frac)) + frac
	}
	return out
}

// groupThousands writes n with comma separators: 1234567 → "1,234,567".
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
