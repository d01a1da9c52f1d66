package views

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// The result page's headline says something its state's badge does not,
// in every state and every language: under "Partially refunded" it read
// "Partially refunded" again, under "Refunded" "Refunded", under "Hold
// expired" "Authorization expired", under "Not finished" "Your card
// payment is not finished" (the paid state had been mended: "Thank you
// for your order"). A headline repeats its badge when one holds the
// other, or when they share a run of letters at least half the badge's
// length (three at the least): "expired" under "Hold expired", "ไม่สำเร็จ"
// (failed) in Thai's "the payment failed".
//
// Nor does the body say a clause of its headline again: under "You were
// not charged for this order" a released hold's body ended "You were not
// charged." (and an expired one's had it too). In Chinese and Korean
// (saysAgain: unspaced) letter by letter: under "银行卡付款已取消" (card
// payment cancelled) the body began "您离开的银行卡付款已取消" (the card
// payment you left was cancelled), which the word-by-word rule missed.
func TestResultHeadlineSaysMoreThanItsBadge(t *testing.T) {
	cards := map[string]ResultCard{
		"paid":               {State: StatePaid, Charged: "$18.50"},
		"paid-in-doubt":      {State: StatePaid, Charged: "$18.50", CancelInDoubt: true, CancelBy: CancelByBuyer},
		"paid-refunding":     {State: StatePaid, Charged: "$18.50", Refunding: "$18.50", RefundsOnWay: 1, WholeRefundHead: "result.head_paid_refunding", Card: true},
		"paid-confirming":    {State: StatePaid, Charged: "$18.50", RefundConfirming: "$18.50", RefundsConfirming: 1, WholeRefundHead: "result.head_paid_refund_confirming"},
		"paid-owed":          {State: StatePaid, Charged: "$18.50", RefundFailed: "$18.50", RefundFailures: 1, WholeRefundHead: "result.head_paid_refund_owed"},
		"paid-on-way-owed":   {State: StatePaid, Charged: "$18.50", Refunding: "$10.00", RefundsOnWay: 1, RefundFailed: "$8.50", RefundFailures: 1, WholeRefundHead: "result.head_paid_refund_on_way_owed"},
		"paid-confirm-owed":  {State: StatePaid, Charged: "$18.50", RefundConfirming: "$10.00", RefundsConfirming: 1, RefundFailed: "$8.50", RefundFailures: 1, WholeRefundHead: "result.head_paid_refund_confirming_owed"},
		"partially-refunded": {State: StatePartiallyRefunded, Charged: "$18.50", Refunded: "$5.00"},
		"refunded":           {State: StateRefunded, Charged: "$18.50", Refunded: "$18.50"},
		"refunded-rest":      {State: StateRefunded, Charged: "$12.00", Refunded: "$9.00", RefundHandled: "$3.00", RefundsHandled: 1, RestSettled: true},
		"partly-settled":     {State: StatePartlySettled, Charged: "$18.50", RefundHandled: "$7.00"},
		"settled":            {State: StateSettled, Charged: "$18.50", RefundHandled: "$18.50"},
		"authorized":         {State: StateAuthorized, Authorized: "$18.50", Card: true},
		"releasing":          {State: StateAuthorized, Authorized: "$18.50", Card: true, Releasing: true},
		"capturing":          {State: StateAuthorized, Authorized: "$18.50", Card: true, Capturing: "$18.50"},
		"hold-in-doubt":      {State: StateAuthorized, Authorized: "$18.50", Card: true, CancelInDoubt: true, CancelBy: CancelByBuyer},
		"voided":             {State: StateVoided, Authorized: "$18.50", Card: true},
		"expired":            {State: StateExpired, Authorized: "$18.50", Card: true},
		"processing":         {State: StateProcessing, Waiting: true},
		"processing-card":    {State: StateProcessing, Waiting: true, Card: true},
		"processing-wallet":  {State: StateProcessing, Waiting: true, Wallet: WalletNamed{"GCash", "0917****123"}},
		"card-opening":       {State: StateProcessing, Waiting: true, Card: true, CardOpening: true},
		"card-not-opened":    {State: StateProcessing, Waiting: true, Card: true, CardNotOpened: true},
		"cancel-held":        {State: StateProcessing, Waiting: true, Card: true, CancelHeld: true},
		"card-page":          {State: StateCardPage, Waiting: true, CardPageURL: "https://open-sea-global.alipay.com/page"},
		"card-page-expired":  {State: StateCardPage, Waiting: true},
		"cancelling":         {State: StateCancelling, Waiting: true},
		"failed":             {State: StateFailed, Decline: "x"},
		"unconfirmed":        {State: StateUnconfirmed, Decline: "x"},
		"card-cancelled":     {State: StateCancelled, BuyerCancelled: true},
		"cancelled":          {State: StateCancelled},
		"unpaid":             {State: StateUnpaid},
	}
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		for name, r := range cards {
			r.Ref, r.Key = "ORD-1", "k"
			var buf bytes.Buffer
			if err := ResultBody(r).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			badge := strings.TrimSpace(d.Find("[data-testid=result-status]").Text())
			head := strings.TrimSpace(d.Find("[data-testid=result-headline-text]").Text())
			if badge == "" || head == "" {
				t.Fatalf("%s %s: badge %q, headline %q", l.Code, name, badge, head)
			}
			if same := repeated(badge, head); same != "" {
				t.Errorf("%s %s: the headline %q says %q of the badge %q again", l.Code, name, head, same, badge)
			}
			body := strings.Join(strings.Fields(d.Find("[data-testid=result-detail]").Text()), " ")
			if again := saysAgain(l.Code, head, body); again != "" {
				t.Errorf("%s %s: the body %q says %q of the headline %q again", l.Code, name, body, again, head)
			}
		}
	}
}

// repeated is what headline says again of badge: the whole of one held
// in the other, else their longest shared run of letters (case folded)
// when it is at least half the badge's length and three letters long;
// "" when it says none of it again.
func repeated(badge, headline string) string {
	b, h := []rune(strings.ToLower(badge)), []rune(strings.ToLower(headline))
	if strings.Contains(string(h), string(b)) || strings.Contains(string(b), string(h)) {
		return badge
	}
	// The longest common substring, by dynamic programming over runes.
	best, end := 0, 0
	prev := make([]int, len(h)+1)
	for i := 1; i <= len(b); i++ {
		cur := make([]int, len(h)+1)
		for j := 1; j <= len(h); j++ {
			if b[i-1] == h[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best, end = cur[j], i
				}
			}
		}
		prev = cur
	}
	if best >= 3 && 2*best >= len(b) {
		return string(b[end-best : end])
	}
	return ""
}

// TestRepeated: the rule the headline test holds headlines to.
func TestRepeated(t *testing.T) {
	for _, c := range []struct{ badge, head, want string }{
		{"Partially refunded", "Partially refunded", "Partially refunded"},
		{"Authorized", "Card payment authorized", "Authorized"},
		{"Hold expired", "Authorization expired", " expired"},
		{"ไม่สำเร็จ", "การชำระเงินไม่สำเร็จ", "ไม่สำเร็จ"},
		{"Paid", "Thank you for your order", ""},
		{"尚未付款", "付款已取消", ""}, // "payment" alone is not the badge's word
		{"กำลังยกเลิก", "กำลังตรวจสอบ", ""},
	} {
		if got := repeated(c.badge, c.head); got != c.want {
			t.Errorf("repeated(%q, %q) = %q, want %q", c.badge, c.head, got, c.want)
		}
	}
}

// clauseEnd ends a clause of a result's body: a sentence's or a
// semicolon's mark, in the scripts the catalogs write.
var clauseEnd = regexp.MustCompile(`[.;:!?。；：！？]`)

// clauses are the clauses of a result's body (text), each trimmed and at
// least twelve letters long (a shorter one, "ที่คุณชำระ", is a phrase any
// two sentences may share), in language code's way of writing: Thai ends
// a sentence with a space, not a mark.
func clauses(code, text string) []string {
	parts := clauseEnd.Split(text, -1)
	if code == "th" {
		parts = strings.Fields(strings.Join(parts, " "))
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); utf8.RuneCountInString(p) >= 12 {
			out = append(out, p)
		}
	}
	return out
}

// unspaced are the languages whose catalogs write a clause without
// spaces between its words (Chinese), or with particles and endings
// written onto them (Korean, whose spacing varies: "결제 취소됨",
// "결제가 취소되었습니다"): compared letter by letter, not word by word.
var unspaced = map[string]bool{"zh-Hans": true, "zh-Hant": true, "ko": true}

// letters is s case folded with only its letters and digits: no spaces,
// no punctuation.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// saysAgain is what body (a result's text under its headline, in
// language code) says of headline again: a clause of it (clauses) that
// headline holds — "You were not charged" under "You were not charged
// for this order" — or, in an unspaced language, a clause that holds the
// whole headline: written without inflection, a clause that says the
// headline again holds it, word for word ("这笔订单没有向您扣款" in
// "…，这笔订单没有向您扣款。"). Unspaced clauses are compared on their
// letters alone (letters), the short ones included: four Chinese
// characters or Korean syllables say as much as twelve Latin letters.
// "" when it says none of it again.
func saysAgain(code, headline, body string) string {
	if !unspaced[code] {
		for _, c := range clauses(code, body) {
			if strings.Contains(strings.ToLower(headline), strings.ToLower(c)) {
				return c
			}
		}
		return ""
	}
	head := letters(headline)
	for _, c := range clauseEnd.Split(body, -1) {
		c = strings.TrimSpace(c)
		l := letters(c)
		if utf8.RuneCountInString(l) >= 4 && (strings.Contains(head, l) || utf8.RuneCountInString(head) >= 4 && strings.Contains(l, head)) {
			return c
		}
	}
	return ""
}

// TestSaysAgain: the rule the headline test holds bodies to, in spaced
// and unspaced languages. Chinese and Korean repeats the rule of spaced
// languages missed — a clause under twelve letters, a space more or
// less — are caught, and a clause that only shares words with the
// headline ("商家表示": the shop says) is not.
func TestSaysAgain(t *testing.T) {
	for _, c := range []struct{ code, head, body, want string }{
		{"en", "You were not charged for this order", "The shop cancelled this order. You were not charged.", "You were not charged"},
		{"en", "Card payment cancelled", "The card payment you left was cancelled. You were not charged.", ""},
		{"zh-Hans", "这笔订单没有向您扣款", "商家已取消此订单，并释放了您卡上的冻结金额。这笔订单没有向您扣款。", "这笔订单没有向您扣款"},
		{"zh-Hans", "银行卡付款已取消", "您离开的银行卡付款已取消，未扣款。", "您离开的银行卡付款已取消，未扣款"},
		{"zh-Hans", "银行卡付款已取消", "这是您中途离开的那笔付款，未扣款。", ""},
		{"zh-Hans", "商家表示已与您处理好", "我们已收到 $18.50。商家表示，全部款项已通过其他方式与您结清。", ""},
		{"ko", "이 주문으로 청구된 금액은 없습니다", "상점이 이 주문을 취소했습니다. 이 주문으로 청구된 금액은없습니다.", "이 주문으로 청구된 금액은없습니다"},
		{"ko", "카드 결제 취소됨", "카드 결제 취소됨. 청구되지 않았습니다.", "카드 결제 취소됨"},
		{"ko", "카드 결제 취소됨", "중단하신 카드 결제가 취소되었습니다. 청구되지 않았습니다.", ""},
	} {
		if got := saysAgain(c.code, c.head, c.body); got != c.want {
			t.Errorf("saysAgain(%s, %q, %q) = %q, want %q", c.code, c.head, c.body, got, c.want)
		}
	}
}
