package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// An order that is paid or being paid has nothing left to pay: checkout
// sends the buyer to its result page.
func TestCheckoutOfPaidOrProcessingOrderRedirects(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, to := range []string{db.OrderPaid, db.OrderProcessing} {
		ref := b.buy("notebook", "1")
		if ok, err := ta.DB.SetOrderStatus(context.Background(), ta.order(t, ref).ID, db.OrderOpen, to, ta.now); err != nil || !ok {
			t.Fatalf("set status: %v %v", ok, err)
		}
		p := b.get("/checkout/" + ref)
		assertEqual(t, p.status, http.StatusSeeOther, "checkout of a "+to+" order")
		assertEqual(t, p.location, "/orders/"+ref, "redirect")
	}
}

func TestCheckoutOffersTheBuyersWallets(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("wallets@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "wallets@example.com"), "0917****123")
	ref := b.buy("coffee", "2")

	p := b.get("/checkout/" + ref)
	assertEqual(t, p.status, http.StatusOK, "checkout")
	assertContains(t, p.body, `data-testid="order-total">$37.00<`,
		`action="/checkout/`+ref+`/pay"`, `name="wallet" value="`+itoa(wallet)+`"`,
		`data-testid="pay-wallet-`+itoa(wallet)+`"`,
		`<span class="pay-method">Pay with <span class="pay-name">GCash</span> <span class="pay-account">0917****123</span></span>`,
		`action="/wallets/link"`, `name="return_to" value="/checkout/`+ref+`"`, "Link another wallet")

	// A wallet that is not one of the buyer's (none, or a malformed id)
	// is refused before anything is sent to Antom: 404, saying so, with
	// the way back to the checkout (TestPayWithAnotherBuyersWalletOrCardIsNotFound).
	for _, w := range []string{"999", "abc", ""} {
		p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {w}})
		assertEqual(t, p.status, http.StatusNotFound, "pay with wallet "+w)
		assertContains(t, p.body, "That wallet is not among your saved wallets.", `href="/checkout/`+ref+`"`)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderOpen, "order after refused payments")

	// Once the order is paid there is no checkout to show again.
	if ok, err := ta.DB.SetOrderStatus(context.Background(), ta.order(t, ref).ID, db.OrderOpen, db.OrderPaid, ta.now); err != nil || !ok {
		t.Fatalf("set status: %v %v", ok, err)
	}
	p = b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {"999"}})
	assertEqual(t, p.status, http.StatusSeeOther, "paying a paid order")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "redirect") // with its "Nothing was sent" notice (TestPayWithAGoneCardOrWalletBesideAPaymentSaysNothingWasSent)
}

// A guest can pay by card only: that is the page's main button, and
// signing in for a saved wallet is secondary. A signed-in buyer with a
// wallet sees the wallet first and the card second.
func TestCheckoutMainButtonIsOneTheBuyerCanUse(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	d := html(t, guest.get("/checkout/"+guest.buy("mug", "1")).body)
	primary := d.Find(".btn:not(.btn-secondary)")
	if primary.Length() != 1 || primary.AttrOr("data-testid", "") != "pay-card" {
		t.Fatalf("a guest's main buttons: %d, first %q", primary.Length(), primary.First().Text())
	}
	assertEqual(t, textOf(t, d, "pay-card"), "Pay by card", "card button")
	signin := testid(d, "signin-to-pay").Find("a")
	assertEqual(t, strings.TrimSpace(signin.Text()), "Sign in to use a saved wallet", "sign-in link")
	if !signin.HasClass("btn-secondary") {
		t.Fatal("signing in is not secondary for a guest")
	}
	if d.Find("[data-testid=card-section]").Index() > d.Find("[data-testid=wallet-section]").Index() {
		t.Fatal("a guest sees the wallet sign-in before the card")
	}

	buyer := ta.client(t)
	buyer.signUp("primary@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "primary@example.com"), "0917****123")
	d = html(t, buyer.get("/checkout/"+buyer.buy("mug", "1")).body)
	primary = d.Find(".btn:not(.btn-secondary)")
	if primary.Length() != 1 || primary.AttrOr("data-testid", "") != "pay-wallet-"+itoa(wallet) {
		t.Fatalf("a buyer's main buttons: %d, first %q", primary.Length(), primary.First().Text())
	}
	if !testid(d, "pay-card").HasClass("btn-secondary") {
		t.Fatal("paying by card competes with the wallet")
	}
}

// After leaving the card page and paying another way, checkout says the
// card payment was cancelled and nothing charged; after a card decline it
// gives the card's reason, not a wallet's.
func TestCheckoutSaysWhatBecameOfTheLastPayment(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("mug", "1")
	id := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
	if ok, err := ta.DB.RequestCancel(context.Background(), id, "", ta.now); err != nil || !ok {
		t.Fatalf("ask cancel: %v %v", ok, err)
	}
	ta.settle(t, ref, id, db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	d := html(t, guest.get("/checkout/"+ref).body)
	assertEqual(t, textOf(t, d, "last-attempt"), "The card payment you left was cancelled. You were not charged. Choose how to pay.", "last attempt")

	ref = guest.buy("mug", "1")
	ta.settle(t, ref, ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
	d = html(t, guest.get("/checkout/"+ref).body)
	assertEqual(t, textOf(t, d, "last-attempt"),
		"Your last payment did not go through. Your card was declined: not enough funds. Nothing was charged. Please use another card or pay another way.", "last attempt")
}

// "Pay another way" is a form any owner can post: with nothing open it
// leads back to checkout; a wallet payment being confirmed cannot be left;
// asked again too soon, the page says so and Antom is not asked.
func TestPayAnotherWayForm(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("leave@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "leave@example.com"), "0917****123")

	ref := b.buy("mug", "1")
	p := b.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "nothing open")
	assertEqual(t, p.location, "/checkout/"+ref, "back to checkout")

	ta.openAttempt(t, ref, wallet)
	p = b.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, p.location, "/orders/"+ref, "a wallet payment being confirmed")
	assertEqual(t, ta.order(t, ref).Status, db.OrderProcessing, "order")

	ref = b.buy("mug", "1")
	id := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
	ctx := context.Background()
	if ok, err := ta.DB.RequestCancel(ctx, id, "", ta.now); err != nil || !ok {
		t.Fatalf("ask cancel: %v %v", ok, err)
	}
	if ok, err := ta.DB.ClaimManualCheck(ctx, id, ta.now.Add(-time.Minute), ta.now); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	p = b.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "asked again too soon")
	d := html(t, b.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "cancelling", "state")
	assertEqual(t, textOf(t, d, "result-notice"),
		"We asked about the cancellation a moment ago; we keep asking.", "notice")
}

// The box the buyer can pay with in one click comes first: a buyer with
// kept cards and no wallet sees the card box first and linking a wallet
// second (its form folded); a buyer with a wallet sees the wallets
// first; a guest, the card; a buyer with neither, linking a wallet first.
func TestCheckoutOneClickBoxComesFirst(t *testing.T) {
	ta := newTestApp(t)
	order := func(c *browserClient) (string, *goquery.Document) {
		t.Helper()
		d := html(t, c.get("/checkout/"+c.buy("mug", "1")).body)
		var ids []string
		d.Find("[data-testid=card-section], [data-testid=link-wallet-form], [data-testid=signin-to-pay]").Each(func(_ int, s *goquery.Selection) {
			ids = append(ids, s.AttrOr("data-testid", ""))
		})
		return strings.Join(ids, " "), d
	}
	buyer := func(email string, wallet, card bool) *browserClient {
		c := ta.client(t)
		c.signUp(email)
		if wallet {
			ta.insertWallet(t, ta.buyerID(t, email), "0917****"+email[:3])
		}
		if card {
			ta.keepCard(t, email)
		}
		return c
	}
	got, _ := order(ta.client(t))
	assertEqual(t, got, "card-section signin-to-pay", "a guest")
	got, d := order(buyer("nothing@example.com", false, false))
	assertEqual(t, got, "link-wallet-form card-section", "a buyer with nothing")
	assertEqual(t, d.Find("#link-wallet[open]").Length(), 1, "a buyer with nothing: the link form open")
	got, _ = order(buyer("wallets@example.com", true, false))
	assertEqual(t, got, "link-wallet-form card-section", "a buyer with a wallet")
	got, d = order(buyer("both@example.com", true, true))
	assertEqual(t, got, "link-wallet-form card-section", "a buyer with a wallet and a card")
	if first := d.Find("[data-testid^=pay-wallet-], [data-testid^=pay-card-]").First().AttrOr("data-testid", ""); !strings.HasPrefix(first, "pay-wallet-") {
		t.Errorf("a buyer with a wallet and a card: first one-click button %q", first)
	}
	got, d = order(buyer("cards@example.com", false, true))
	assertEqual(t, got, "card-section link-wallet-form", "a buyer with a card only")
	assertEqual(t, d.Find("#link-wallet[open]").Length(), 0, "a buyer with a card only: the link form folded")
	assertEqual(t, textOf(t, d, "no-wallets"), "No wallets linked yet. You can link one below.", "a buyer with a card only")
	// Second, the wallets box has no wallet to pay with: it does not offer to.
	assertEqual(t, d.Find("[data-testid=wallet-section] h2").Text(), "Saved wallets", "a buyer with a card only: the wallets box's title")
	_, d = order(ta.client(t))
	assertEqual(t, d.Find("[data-testid=wallet-section] h2").Text(), "Pay with a saved wallet", "a guest: the wallets box's title (signing in to use one)")
}
