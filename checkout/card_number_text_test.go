package checkout

import (
	"strings"
	"testing"
	"unicode"
)

// Staff text holding a card number is refused, with the field's words,
// however the number is written: its groups parted by any spaces,
// hyphens, dots or slashes, its digits full-width or of another script,
// its expiry run on to it, after a "+" once it is too long for a phone
// number. Digits that are not one (too short, too long, failing the Luhn
// check, an Antom paymentId, a date, an amount, a phone number, an IBAN,
// an order's ref) are not (holdsCardNumber's rule).
func TestStaffTextRefusesACardNumber(t *testing.T) {
	for _, s := range []string{
		"card 4111111111111111",
		"damaged mug, card 4111 1111 1111 1111 please refund",
		"4111-1111-1111-1111",
		"5555555555554444.",
		"amex 378282246310005",
		"(6011111111111117)",
		"4111 1111 1111 1111 12/30",
		"4111111111111111 123",
		"qty 2 4111111111111111",
		"1234567890123 4111111111111111",
		"amex 3782 822463 10005",
		"call 62 812 3456 7899 or card 4111-1111-1111-1111",
		// Separators doubled, other than a space or a hyphen, mixed.
		"4111  1111  1111  1111",
		"4111.1111.1111.1111",
		"4111/1111/1111/1111",
		"4111 - 1111 - 1111 - 1111",
		"4111\u00a01111\u00a01111\u00a01111", // no-break spaces
		"4111–1111–1111–1111",                // en dashes
		"5555 5555 5555 4444 exp 12/30 cvc 123",
		"card no.4111111111111111",
		"card:4111111111111111",
		// Digits of other widths and scripts.
		"４１１１１１１１１１１１１１１１",
		"卡号：４１１１　１１１１　１１１１　１１１１",
		"卡号４１１１－１１１１－１１１１－１１１１",
		"卡号4111111111111111",
		"บัตร ๔๑๑๑ ๑๑๑๑ ๑๑๑๑ ๑๑๑๑",
		"٤١١١١١١١١١١١١١١١",
		"४१११ ११११ ११११ ११११",
		"4111 １１１１ 1111 1111",
		// Its expiry (MMYY) run on to it.
		"41111111111111111230",
		"41111111111111111234",
		"3782822463100051228", // its 19 digits fail Luhn
		// After a "+", longer than a phone number.
		"+4111111111111111",
		"ref +4111 1111 1111 1111",
		"call +62 812 3456 7899 4111 1111 1111 1111",
		// Its expiry run on after a slash; underscores and commas between groups.
		"411111111111111112/34",
		"4111 1111 1111 111112/34",
		"４１１１１１１１１１１１１１１１１２／３４",
		"4111_1111_1111_1111",
		"4111,1111,1111,1111",
		"5555 5555 5555 444412/2030", // MM/YYYY
		"5130ー3224ー2270ー5384",        // a Japanese input method's long vowel mark for a hyphen
		"4111 -- 1111 -- 1111 -- 1111",
		"CC12 5555 5555 5555 4444", // no IBAN country
		// Glued to letters, and no bank code.
		"Visa4111111111111111",
		"visa4111 1111 1111 1111",
		"CC4111111111111111",
		"cardno4111111111111111",
		"No4111-1111-1111-1111",
		// Written in fours though its issuer writes it otherwise.
		"amex 3782 8224 6310 005",
		"diners 3056 9309 0259 04",
		"visa 4222 2222 2222 2",
		"unionpay 621234 5678901234569",
		// A CVC or an expiry run on to the last group; digit by digit.
		"5555 5555 5555 4444123",
		"card 4111-1111-1111-11111230",
		"amex 3782 822463 100051234", // 4-6-5 with its 4-digit CID
		// An expiry after a slash, the card's last digits a month too
		// ("…11/12": not a card ending 11 of November 2012).
		"card 4111111111111111/12",
		"4111 1111 1111 1111/12/34",
		"4111111111111111/12/34",
		"4111-1111-1111-1111/12/34",
		"4111 1111 1111 1111 /12/34",
		"4111111111111111/12/2034",
		"4111111111111111/12/34/123",
		"4000 0000 0000 0002/12/34",
		"unionpay 621234 56789012345691230",
		"4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
		"4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1 exp 12/30",
		// Other marks between its groups: bars, colons, semicolons,
		// asterisks, tildes, apostrophes, equals signs, middle dots.
		"4111|1111|1111|1111",
		"card 4111｜1111｜1111｜1111",
		"4111:1111:1111:1111",
		"4111;1111;1111;1111 12/30",
		"4111*1111*1111*1111",
		"4111~1111~1111~1111",
		"4111'1111'1111'1111",
		"4111’1111’1111’1111",
		"4111=1111=1111=1111",
		"5555∙5555∙5555∙4444",
		"5555‧5555‧5555‧4444",
		"card | 4111 1111 1111 1111 | 12/30",
		// A backslash, a caret.
		"4111\\1111\\1111\\1111",
		"4111^1111^1111^1111",
	} {
		if msg := plainLine(s, refundReasonField); !strings.HasPrefix(msg, "No card numbers, please: the reason holds") {
			t.Errorf("%q: %q, want it refused as a card number", s, msg)
		}
	}
	for _, s := range []string{
		"customer returned the item",
		"card ending 1111",
		"card ending ４２４２, exp 12/30",
		"4111111111111112",                 // fails Luhn
		"411111111111",                     // 12 digits
		"4111 1111 1111",                   // 12 digits
		"20261207194010800100188800000011", // a paymentId's 32 digits
		"refundId 20261207194010800100188800000011 for paymentId 20261207194010800100188800000025",
		"order 2026-12-07, refund ¥1,000,000", // dates and amounts
		"RF-ORD-20261207-JHCCEMS72W-PJPTSW3L",
		"ORD-20261207-JHCCEMS72W",
		"call +62 812 3456 7899",              // a phone number (its 13 digits pass Luhn)
		"stay 2026-12-01 2026-12-03",          // dates (their 16 digits pass Luhn)
		"qty 12 7 300 4 18 9 1 2",             // quantities
		"20261207194010800100188800000011 12", // a paymentId, then a quantity
		// Dates, times, amounts, quantities with dots and slashes.
		"stay 2026/12/01 - 2026/12/03",
		"stay 01.12.2026 - 03.12.2026",
		"stay 2026.12.01 2026.12.03",
		"2026年12月1日至2026年12月3日",
		"returned 2026-12-07 16.40, refunded 2026-12-08 09.15",
		"paid Rp 1.250.000 on 2026-12-01, refund Rp 250.000",
		"Rp 1.250.000,00 / 4",
		"US$1,234.56 refunded of US$2,469.12",
		"qty 2 x 1200 / 1500 / 300",
		"3/4 of the order, 1 of 2 mugs",
		"ticket #48213, see 2026-12-07 16:40 UTC",
		"2 × ¥1,200 + ¥800 shipping",
		"seasons 2026/2027 2027/2028",   // years: their 16 digits pass Luhn
		"batch 20261207164017 returned", // a timestamp: its 14 digits pass Luhn
		// Phone numbers, with or without a "+", whole or in groups.
		"call +6281234567899",   // 13 digits, they pass Luhn
		"call +628123456789017", // 15 digits, they pass Luhn
		"call 0812345678906",    // a local number: 13 digits from 0, they pass Luhn
		"call 0812-3456-7890",
		"+60 12-345 6789, +82 10-1234-5678, +86 138 1234 5678, +66 81 234 5678",
		"+1 (415) 555-0132",
		"+62 8123 4567 8901",
		"call +62 812 3456 7899 at 16.40 2026-12-07",
		// Bank accounts and references glued to letters.
		"paid back to DE08 3704 0044 0532 0131 00", // 3704…0131 passes Luhn
		"paid back to GB29 NWBK 6016 1331 9268 19",
		"see ORD20261207 and RF2026120700010",
		"paid 1,234,567,890.00 of 9,876,543,210.00, ref 12/34",
		"order_2026_12_07_1640",
		"cards ending 8732, 3541, 3261, 8850, 6011, 4444", // last fours, as the refusal asks
		"orders 6306 8200 8910 8944 7117 7097 2145 9594",  // a list of 4-digit numbers
		"de08 3704 0044 0532 0131 00", "DE08-3704-0044-0532-0131-00", "IBANDE08370400440532013100",
		// Lists: two local phone numbers, Thai (Buddhist era) years.
		"HP 0854-7712-8578 / 0878-3705-3122",
		"2567/2568 2568/2569",
		"4111 1111-1111.1111", // separators that differ: no card is written so
		"paid back to GB29 NWBK 6016 1331 9268 19 OK",
		// Digits in other scripts that are no card.
		"๒๕๖๙-๑๒-๐๑",
		"２０２６年１２月１日",
		// Chinese lists; digits one by one, too few for a card.
		"订单 4111、1111、1111、1111 已退款",
		"rated 4 1 1 1 1 1 1 1 1 1 1 1",
		"order 1200 1500 3000 2500123",     // 4-4-4-7 failing Luhn's check
		"orders 1200 1500 3000 2500 1800",  // five 4-digit numbers: no 4-4-4-4-1 with a CVC
		"bins 1000 2000 3000 4000",         // they pass Luhn; no 16-digit card begins with 1
		"tickets 1111 2222 3333 4444 5555", // nor 17
		// Lists parted by a bar or a semicolon and a space (their 16
		// digits pass Luhn), times, Swiss thousands.
		"orders 5174 | 4452 | 8713 | 2209",
		"rooms 5174; 4452; 8713; 2209",
		"shifts 09:00 13:00 17:00 21:00",
		"CHF 1'250'000 of 2'500'000",
		"tickets #4821 #4822 #4823 #4824",
		"refunded $5174 $4452 $8713 $2209", // amounts: their 16 digits pass Luhn
		"sum 5174+4452+8713+2209 = 20548",
		"up 5174% 4452% 8713% 2209%",
		"rooms (5174), (4452), (8713), (2209)",
		// Numbers in brackets, quotes, after arrows or "&" (their 16
		// digits pass Luhn; review).
		"(4500) (3900) (4200) (5100)",
		"「4500」「3900」「4200」「5100」",
		"“4500” “3900” “4200” “5100”",
		"4500 → 3900 → 4200 → 5100",
		"4500 & 3900 & 4200 & 5100",
		"last fours | 4242 | 1111",
	} {
		if msg := plainLine(s, refundReasonField); msg != "" {
			t.Errorf("%q: refused (%q)", s, msg)
		}
	}
}

// digitValue reads each range of unicode.Nd as tens of digits 0 to 9:
// every range is whole tens from a zero, and the zeros it finds are
// the digits Unicode names ZERO (checked through a few scripts).
func TestDigitRangesAreTens(t *testing.T) {
	for _, rg := range unicode.Nd.R16 {
		if rg.Stride != 1 || (rg.Hi-rg.Lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U–%U (stride %d) is not whole tens", rg.Lo, rg.Hi, rg.Stride)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rg.Stride != 1 || (rg.Hi-rg.Lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U–%U (stride %d) is not whole tens", rg.Lo, rg.Hi, rg.Stride)
		}
	}
	for r, want := range map[rune]byte{'7': '7', '０': '0', '９': '9', '٣': '3', '๗': '7', '४': '4', '𝟘': '0', '𝟡': '9', '𝟬': '0', '𝟿': '9', 'a': 0, '½': 0, '²': 0} {
		if got, ok := digitValue(r); got != want || ok != (want != 0) {
			t.Errorf("digitValue(%q) = %q, %v; want %q", r, got, ok, want)
		}
	}
}

// The refusal says where the text would go: a refund's reason is sent to
// Antom, a note is not.
func TestCardNumberRefusalSaysWhereTheTextGoes(t *testing.T) {
	reason, note := plainLine("4111111111111111", refundReasonField), plainLine("4111111111111111", noteField)
	if !strings.Contains(reason, "kept and shown to staff and sent to Antom") {
		t.Errorf("the reason's refusal: %q", reason)
	}
	if !strings.Contains(note, "the note holds what reads as one, and it would be kept and shown to staff — ") || strings.Contains(note, "Antom") {
		t.Errorf("the note's refusal: %q", note)
	}
}
