package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// cardAttemptWith records a PROCESSING card payment of order ref as
// PayByCard leaves it: paid with kept card cardID (0: a new card), sent
// to Antom's card page when page is set, back from it when returned.
func (ta *testApp) cardAttemptWith(t *testing.T, ref string, cardID int64, page, returned bool) {
	t.Helper()
	ctx := context.Background()
	id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard, CardID: cardID,
		ExpiresAt: ta.now.Add(14 * time.Minute), NextCheckAt: ta.now.Add(time.Minute)})
	if page {
		if err := ta.DB.SetAttemptRedirect(ctx, id, cardPage, ta.now); err != nil {
			t.Fatal(err)
		}
	}
	if returned {
		if _, err := ta.DB.MarkReturned(ctx, id, ta.now); err != nil {
			t.Fatal(err)
		}
	}
}

// The button that asks Antom again says "I have paid" only to a buyer who
// was sent to Antom's card page: a kept card paid in one click (no page
// shown) whose answer is unknown, and a new card whose page never came,
// get the plain "Check again". While the outcome is unknown (a page was
// shown, or a kept card charged), the page says
// by when it is known in the usual course: the payment's closing time
// (~14 minutes for a card) and a check.
func TestCheckAgainWordsFollowTheCardPage(t *testing.T) {
	ta := newTestApp(t)
	ta.now = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	b := ta.client(t)
	b.signUp("onetap@example.com")
	card := ta.keepCard(t, "onetap@example.com")
	for _, c := range []struct {
		name           string
		card           int64
		page, returned bool
		state, button  string
		by             string // the detail's time, processing
	}{
		// Expiry 08:14, closable 08:14:30, and a check's pause: 08:16.
		{"kept card, one click", card, false, false, "processing", "Check again", "08:16"},
		// No page came: no page was shown, nothing can have been paid
		// (its detail: TestPayByCardWithoutAPageAfterTheWait).
		{"new card, no page came", 0, false, false, "processing", "Check again", ""},
		{"new card, on the page", 0, true, false, "card-page", "I have paid — check again", ""},
		{"new card, back from the page", 0, true, true, "processing", "I have paid — check again", "08:16"},
		{"kept card, sent to 3-D Secure", card, true, true, "processing", "I have paid — check again", "08:16"},
	} {
		ref := b.buy("coffee", "1")
		ta.cardAttemptWith(t, ref, c.card, c.page, c.returned)
		p := b.get("/orders/" + ref)
		assertEqual(t, p.status, http.StatusOK, c.name+": status")
		d := html(t, p.body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), c.state, c.name+": state")
		assertEqual(t, textOf(t, d, "check-again"), c.button, c.name+": button")
		if c.by != "" {
			assertEqual(t, textOf(t, d, "result-detail"),
				"This page updates by itself as soon as we know. If Antom does not answer sooner, we expect to know by "+c.by+" UTC at the latest. Please don't pay again meanwhile.", c.name+": detail")
		}
	}
}

// In Korean the kept card's one-click wait says the same, in Korean.
func TestKeptCardWaitInKorean(t *testing.T) {
	ta := newTestApp(t)
	ta.now = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	b := ta.client(t)
	b.signUp("onetap-ko@example.com")
	ref := b.buy("coffee", "1")
	ta.cardAttemptWith(t, ref, ta.keepCard(t, "onetap-ko@example.com"), false, false)
	p, _ := b.getIn("/orders/"+ref, "ko")
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "check-again"), "다시 확인", "button")
	assertEqual(t, textOf(t, d, "result-detail"),
		"결과가 나오는 대로 이 페이지가 자동으로 업데이트됩니다. Antom의 응답이 지연되더라도 늦어도 오전 8:16 UTC까지는 결과를 알 수 있을 것으로 예상합니다. 그동안 다시 결제하지 마세요.", "detail")
}

// Once the usual time is past (a cancel Antom has not answered keeps the
// payment open), the page promises no time.
func TestProcessingPastItsTimePromisesNone(t *testing.T) {
	ta := newTestApp(t)
	ta.now = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	b := ta.client(t)
	b.signUp("late-wait@example.com")
	ref := b.buy("coffee", "1")
	ta.cardAttemptWith(t, ref, ta.keepCard(t, "late-wait@example.com"), false, false)
	ta.now = ta.now.Add(20 * time.Minute)
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "result-detail"),
		"This page updates by itself as soon as we know. Please don't pay again meanwhile.", "detail")
}

// Checkout's words are true for each mix of linked wallets and kept
// cards: "link one, then pay in one click" only when nothing pays in one
// click yet, and the hosted page's note names the new card when kept
// cards (one click, no page) sit above it.
func TestCheckoutWordsForWalletsAndCards(t *testing.T) {
	const (
		noneYet   = "No wallets linked yet. Link one below, then pay in one click."
		cardsOnly = "No wallets linked yet. You can link one below."
		note      = "You will enter your card on Antom's secure payment page, then come back here."
		noteNew   = "For a new card, you will enter it on Antom's secure payment page, then come back here."
	)
	ta := newTestApp(t)
	for _, c := range []struct {
		name          string
		wallet, card  bool
		noWallets     string // "" for none shown
		cardPageNote  string
		newCardButton string
	}{
		{"nothing kept", false, false, noneYet, note, "Pay by card"},
		{"wallets only", true, false, "", note, "Pay by card"},
		{"cards only", false, true, cardsOnly, noteNew, "Pay with a new card"},
		{"both", true, true, "", noteNew, "Pay with a new card"},
	} {
		email := strings.ReplaceAll(c.name, " ", "-") + "@example.com"
		b := ta.client(t)
		b.signUp(email)
		if c.wallet {
			ta.insertWallet(t, ta.buyerID(t, email), "0917****"+c.name[:3])
		}
		if c.card {
			ta.keepCard(t, email)
		}
		d := html(t, b.get("/checkout/"+b.buy("mug", "1")).body)
		if c.noWallets == "" {
			assertEqual(t, testid(d, "no-wallets").Length(), 0, c.name+": no-wallets shown")
		} else {
			assertEqual(t, textOf(t, d, "no-wallets"), c.noWallets, c.name+": no-wallets")
		}
		assertEqual(t, textOf(t, d, "card-page-note"), c.cardPageNote, c.name+": card page note")
		assertEqual(t, textOf(t, d, "pay-card"), c.newCardButton, c.name+": new card's button")
	}
	// A guest has no kept cards: the page note is the plain one.
	g := ta.client(t)
	d := html(t, g.get("/checkout/"+g.buy("mug", "1")).body)
	assertEqual(t, textOf(t, d, "card-page-note"), note, "guest: card page note")
}

// A kept card removed since the checkout page was shown: paying with it
// sends the browser back to the checkout page (303: Reload sends nothing
// again), which says why once, in the card box (not the wallet's), and
// offers only what still works; shown again, it no longer says it.
func TestRemovedKeptCardSaysSoInTheCardBox(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("stale@example.com")
	ta.insertWallet(t, ta.buyerID(t, "stale@example.com"), "0917****123")
	card := ta.keepCard(t, "stale@example.com")
	ref := b.buy("mug", "1")
	d := html(t, b.get("/checkout/"+ref).body)
	if testid(d, "pay-card-"+itoa(card)).Length() != 1 {
		t.Fatal("the kept card is not offered")
	}
	if ok, err := ta.DB.RemoveCard(context.Background(), card, "staff admin@example.com", ta.now); err != nil || !ok {
		t.Fatalf("remove card: %v %v", ok, err)
	}
	told := "The shop removed Visa •••• 4242 from your kept cards on " + lang.For(lang.English).Date(ta.now) + ", so it can no longer be used here."
	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}}, told)
	d = html(t, p.body)
	errs := testid(d, "pay-error")
	assertEqual(t, errs.Length(), 1, "errors shown")
	assertEqual(t, errs.ParentsFiltered(`[data-testid="card-section"]`).Length(), 1, "the error is in the card box")
	assertEqual(t, strings.TrimSpace(errs.Text()), told+" Pay by card, or pay another way on this page.", "error")
	assertEqual(t, testid(d, "pay-card-"+itoa(card)).Length(), 0, "the removed card is still offered")
	assertEqual(t, textOf(t, d, "pay-card"), "Pay by card", "new card's button")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
}

// confirmRef is an order ref as a staff confirmation's heading shows it,
// with the punctuation that follows it (then: "?", or ""): kept whole on
// one line, never broken at its hyphen, the punctuation in its box (.ref).
func confirmRef(ref, then string) string {
	return `<span class="mono ref"><span data-testid="confirm-ref">` + ref + `</span>` + then + `</span>`
}

// The notice of a refused payment is kept as a message ID and said when
// the checkout page shows it, in that page's language: a buyer who reads
// the shop in Malay and pays with a kept card removed since reads why in
// Malay, once.
func TestRemovedKeptCardNoticeSpeaksThePagesLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("bahasa@example.com")
	card := ta.keepCard(t, "bahasa@example.com")
	ref := b.buy("mug", "1")
	b.post("/lang", url.Values{"lang": {"ms"}, "next": {"/checkout/" + ref}})
	if ok, err := ta.DB.RemoveCard(context.Background(), card, "buyer bahasa@example.com", ta.now); err != nil || !ok {
		t.Fatalf("remove card: %v %v", ok, err)
	}
	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}},
		"Anda telah mengalih keluar Visa •••• 4242 daripada kad yang anda simpan pada "+malayDate(t, ta.now)+", jadi ia tidak boleh digunakan lagi di sini. Bayar dengan kad, atau bayar dengan cara lain di halaman ini.")
	assertEqual(t, strings.Count(p.body, "can no longer be used"), 0, "English words on the Malay page")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
}

// malayDate is day t as a Malay page says it.
func malayDate(t *testing.T, day time.Time) string {
	t.Helper()
	ms, ok := lang.ByCode("ms")
	if !ok {
		t.Fatal("no Malay")
	}
	return lang.For(ms).Date(day)
}
