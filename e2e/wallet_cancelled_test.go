package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The fresh-user trial on a 390 px phone: a buyer with a kept card and a
// GCash wallet opens checkout; the wallet side cancels the wallet (the
// sandbox wallet app's Unlink); the buyer presses Pay with GCash. The
// notice naming the wallet is in the wallets box, never under "Pay by
// card", and on screen; the boxes stand as a reload shows them (the kept
// card first: their order never depends on the notice); the empty box
// does not say "yet", nor tell the wallet again under the notice that
// names it.
func TestWalletCancelledBeforePayIsToldInTheWalletsBox(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(phoneWidth, phoneHeight, true)
	keepCardAndBuyAgain(b, "trial.wallet@example.com")
	var checkout string
	b.run(chromedp.Location(&checkout))

	u := walletUser(t, "GCASH")
	code := startLinking(b, "GCASH")
	phone := b.tab()
	agreeInWallet(phone, code, u)
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
	b.open(checkout)
	b.waitText("[data-testid=wallet-section]", u.UserLoginID)

	phone.open(srv.SandboxURL + "/sandbox/wallet")
	phone.click("[data-testid=wallet-unlink]", "[data-testid=wallet-balances]")
	other := b.tab()
	deadline := time.Now().Add(15 * time.Second)
	for {
		other.visit("/wallets")
		var gone bool
		other.run(chromedp.Evaluate(`document.querySelector("[data-testid=no-wallets]") !== null`, &gone))
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the wallet cancelled in the wallet app is still listed")
		}
	}
	other.waitText("[data-testid=no-wallets]", "Your link to GCash "+u.UserLoginID+" was cancelled in the wallet app")

	b.click("[data-testid^=pay-wallet-]", "[data-testid=pay-error]")
	// The refusal says what a reload says: who ended the link, and when.
	b.waitText("[data-testid=wallet-section] [data-testid=pay-error]",
		"Your link to GCash "+u.UserLoginID+" was cancelled in the wallet app on ")
	b.waitText("[data-testid=wallet-section] [data-testid=pay-error]", ", so it can no longer be used here. Link it again, or pay by card on this page.")
	b.run(chromedp.Poll(`document.readyState === "complete"`, nil)) // app.js has brought the notice on screen
	var where struct {
		InCardBox     bool    `json:"inCardBox"`
		Order         string  `json:"order"`
		NoticeTop     float64 `json:"noticeTop"`
		NoticeBottom  float64 `json:"noticeBottom"`
		EmptyBoxWords string  `json:"emptyBoxWords"`
		NoticesOnPage int     `json:"noticesOnPage"`
		WalletNamed   int     `json:"walletNamed"`
	}
	b.run(chromedp.Evaluate(`(() => {
		const n = document.querySelector("[data-testid=pay-error]").getBoundingClientRect();
		const w = document.querySelector("[data-testid=wallet-section]").getBoundingClientRect();
		const c = document.querySelector("[data-testid=card-section]").getBoundingClientRect();
		return {
			inCardBox: document.querySelector("[data-testid=card-section] [data-testid=pay-error]") !== null,
			order: w.top < c.top ? "wallets, card" : "card, wallets",
			noticeTop: n.top, noticeBottom: n.bottom,
			emptyBoxWords: (document.querySelector("[data-testid=wallet-section] [data-testid=no-wallets]")?.textContent ?? "").trim(),
			noticesOnPage: document.querySelectorAll("[data-testid=pay-error]").length,
			walletNamed: document.querySelector("[data-testid=wallet-section]").textContent.split(`+quoteJS(u.UserLoginID)+`).length - 1,
		};
	})()`, &where))
	b.lookHere()
	if where.InCardBox || where.NoticesOnPage != 1 {
		t.Fatalf("the notice is not alone in the wallets box: %+v", where)
	}
	if where.NoticeTop < 0 || where.NoticeBottom > phoneHeight {
		t.Errorf("the notice is off the phone's screen (%v to %v of %d px)", where.NoticeTop, where.NoticeBottom, phoneHeight)
	}
	if where.WalletNamed != 1 {
		t.Errorf("the wallets box names the wallet %d times, want once (the notice: it says what to do)", where.WalletNamed)
	}
	if strings.Contains(where.EmptyBoxWords, "yet") {
		t.Errorf("the empty wallets box says %q", where.EmptyBoxWords)
	}
	b.open(checkout) // a reload: the notice is gone, the boxes stay put
	var again string
	b.run(chromedp.Evaluate(`document.querySelector("[data-testid=wallet-section]").getBoundingClientRect().top <
		document.querySelector("[data-testid=card-section]").getBoundingClientRect().top ? "wallets, card" : "card, wallets"`, &again))
	if where.Order != "card, wallets" || again != where.Order {
		t.Errorf("the boxes: %q with the notice, %q on a reload; want %q both times", where.Order, again, "card, wallets")
	}
}
