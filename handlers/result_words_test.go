package handlers

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

var checkAgainRE = regexp.MustCompile(`(?s)data-testid="check-again">(.*?)</button>`)

// A one-click wallet payment being confirmed offers to check again — the
// buyer did nothing in the wallet, so no "I have paid" — and promises no
// "few seconds" it cannot keep.
func TestWalletPaymentBeingConfirmedWords(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("waiting@example.com")
	ref := b.buy("coffee", "1")
	ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "waiting@example.com"), "0917****123"))
	p := b.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "status")
	m := checkAgainRE.FindStringSubmatch(p.body)
	if m == nil || strings.TrimSpace(m[1]) != "Check again" {
		t.Fatalf("the check-again button says %q", m)
	}
	for _, banned := range []string{"I have paid", "few seconds"} {
		if strings.Contains(p.body, banned) {
			t.Fatalf("the page says %q", banned)
		}
	}
}

// An authorized card payment is said in the buyer's words, not staff's
// "awaiting capture".
func TestAuthorizedInBuyersWords(t *testing.T) {
	ta := newAdminApp(t)
	ref := ta.authorizedOrder(t, "held@example.com")
	b := ta.client(t)
	b.post("/signin", url.Values{"email": {"held@example.com"}, "password": {"correct horse battery"}})
	p := b.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "status")
	if strings.Contains(strings.ToLower(p.body), "awaiting capture") || strings.Contains(p.body, "Authorised") {
		t.Fatal("the buyer is told about capture, or in British spelling")
	}
	assertContains(t, p.body, "authorized")
}

// The result page names how it was paid with the method's badge.
func TestResultPageShowsTheMethodsMark(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("marked@example.com")
	ref := b.buy("coffee", "1")
	a := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "marked@example.com"), "0917****123"))
	ta.settle(t, ref, a, "SUCCESS", "SUCCESS", "PAY-1")
	p := b.get("/orders/" + ref)
	if !regexp.MustCompile(`(?s)data-testid="paid-method">(\s*<span class="fact-[a-z]+">)*\s*<span class="mark mark-gcash"`).MatchString(p.body) {
		t.Fatalf("the method has no GCash badge:\n%s", p.body)
	}
}

// In Thai, a refunded payment is said as Thai says it: what was paid,
// then what came back — every amount in its place.
func TestRefundSentencesInThai(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("thai@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "thai@example.com"), "0917****123")
	for _, c := range []struct {
		refund int64
		want   string
	}{
		{500, "จากยอด US$18.50 ที่คุณชำระ ได้คืนเงินให้คุณแล้ว US$5.00"},
		{1850, "ยอด US$18.50 ที่คุณชำระได้คืนให้คุณเต็มจำนวนแล้ว"},
	} {
		ref := b.buy("coffee", "1")
		a := ta.openAttempt(t, ref, wallet)
		ta.settle(t, ref, a, "SUCCESS", "SUCCESS", "PAY-"+ref)
		ta.refund(t, ref, a, c.refund, "SUCCESS")
		p, _ := b.getIn("/orders/"+ref, "th")
		assertContains(t, html(t, p.body).Find("body").Text(), c.want) // as read: "เต็มจำนวน" is boxed
	}
}

// While staff's void of an authorization waits for Antom, the buyer is
// told it is being released — not that the shop takes the money when it
// ships; a capture waiting for Antom is said as a charge under way. The
// badge says so in every language, in the words My orders uses for the
// same order.
func TestPendingVoidAndCaptureInBuyersWords(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	signIn := func(email string) *browserClient {
		b := ta.client(t)
		b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}})
		return b
	}

	ref := ta.authorizedOrder(t, "releasing@example.com")
	if err := ta.Checkout.Void(ctx, "staff", ref); !errors.Is(err, checkout.ErrVoidNotConfirmed) {
		t.Fatalf("void with no answer: %v", err)
	}
	p := signIn("releasing@example.com").get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "status")
	assertContains(t, p.body, "The shop is cancelling this authorization")
	assertBadgeIn(t, signIn("releasing@example.com"), ref, map[string]string{
		"en": "Hold being released", "id": "Penahanan sedang dilepas", "ms": "Sekatan sedang dilepaskan",
		"ko": "승인 취소 중", "th": "กำลังปลดวงเงิน", "zh-Hans": "正在释放", "zh-Hant": "正在解除",
	})
	if strings.Contains(p.body, "when it ships") {
		t.Fatal("a void under way is said as a charge to come")
	}

	ref = ta.authorizedOrder(t, "capturing@example.com")
	if err := ta.Checkout.Capture(ctx, "staff", ref, 1000); !errors.Is(err, checkout.ErrCaptureNotConfirmed) {
		t.Fatalf("capture with no answer: %v", err)
	}
	p = signIn("capturing@example.com").get("/orders/" + ref)
	assertContains(t, p.body, "The shop is taking $10.00 of the $37.00 held on your card")
	assertBadgeIn(t, signIn("capturing@example.com"), ref, map[string]string{
		"en": "Being charged", "id": "Sedang ditagih", "ms": "Sedang dicaj",
		"ko": "청구 중", "th": "กำลังเรียกเก็บเงิน", "zh-Hans": "正在扣款", "zh-Hant": "正在扣款",
	})

	// The badge before either.
	ref = ta.authorizedOrder(t, "held-badge@example.com")
	assertBadgeIn(t, signIn("held-badge@example.com"), ref, map[string]string{"en": "Authorized"})

}

// assertBadgeIn checks the result page of order ref shows, in each
// language (an Accept-Language value), exactly the badge words given,
// and that My orders says the same of the order.
func assertBadgeIn(t *testing.T, b *browserClient, ref string, want map[string]string) {
	t.Helper()
	for language, words := range want {
		p, _ := b.getIn("/orders/"+ref, language)
		assertEqual(t, p.status, http.StatusOK, "status in "+language)
		assertEqual(t, htmlLang(p.body), language, "page language")
		assertEqual(t, resultBadge(t, p.body), words, "badge in "+language)
		p, _ = b.getIn("/orders", language)
		row := html(t, p.body).Find(`[data-ref="` + ref + `"] [data-testid=order-status]`)
		assertEqual(t, strings.TrimSpace(row.Text()), words, "My orders in "+language)
	}
}

// resultBadge is the words of a result page's status badge: what My
// orders says of the order too.
func resultBadge(t *testing.T, body string) string {
	t.Helper()
	return textOf(t, html(t, body), "result-status")
}
