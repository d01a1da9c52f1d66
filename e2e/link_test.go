package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
)

// walletUser returns a seeded sandbox user of a wallet brand.
func walletUser(t *testing.T, wallet string) sandbox.TestUser {
	t.Helper()
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == wallet {
			return u
		}
	}
	t.Fatalf("no sandbox user for %s", wallet)
	return sandbox.TestUser{}
}

// signUp creates a buyer account in the browser.
func signUp(b *browser, email string) {
	b.t.Helper()
	b.visit("/signup")
	b.run(
		chromedp.SendKeys("#email", email, chromedp.ByQuery),
		chromedp.SendKeys("#password", "correct horse battery", chromedp.ByQuery),
	)
	b.click("[data-testid=signup-form] button[type=submit]", "[data-testid=signed-in-as]")
	b.waitText("[data-testid=signed-in-as]", email)
}

// startLinking picks a wallet on My wallets and returns the QR's text.
func startLinking(b *browser, walletCode string) string {
	b.t.Helper()
	b.visit("/wallets")
	b.click(`input[name=wallet][value=`+walletCode+`]`, "[data-testid=start-link]")
	b.click("[data-testid=start-link]", "[data-testid=link-headline]")
	b.waitText("[data-testid=link-headline]", "Scan this code")
	return b.text("[data-testid=code-value]")
}

// agreeInWallet plays the phone: opens the QR's URL, signs in as the test
// wallet user and agrees.
func agreeInWallet(phone *browser, codeValue string, u sandbox.TestUser) {
	phone.t.Helper()
	phone.open(codeValue)
	phone.run(
		chromedp.SendKeys("[data-testid=wallet-login]", u.Login, chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=wallet-password]", u.Password, chromedp.ByQuery),
	)
	phone.click("[data-testid=wallet-signin]", "[data-testid=wallet-agree]")
	phone.click("[data-testid=wallet-agree]", "[data-testid=wallet-result]")
	phone.waitText("[data-testid=wallet-result]", "account is linked")
	// Headed by the wallet's name, as the rest of its app: not "Wallet".
	var head string
	phone.run(chromedp.Text("header h1", &head, chromedp.ByQuery))
	if head == "" || head == "Wallet" {
		phone.t.Errorf("the wallet app's linked page is headed %q, not the wallet's name", head)
	}
}

// linkWallet links a wallet end to end and returns its userLoginId.
func linkWallet(b *browser, walletCode string) string {
	b.t.Helper()
	u := walletUser(b.t, walletCode)
	code := startLinking(b, walletCode)
	agreeInWallet(b.tab(), code, u)
	// The link page says Linked, then returns to My wallets by itself.
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
	return u.UserLoginID
}

func TestLinkWalletByScanning(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "ann@example.com")

	u := walletUser(t, "GCASH")
	code := startLinking(b, "GCASH")
	if !strings.HasPrefix(code, srv.SandboxURL+"/sandbox/wallet/") {
		t.Fatalf("QR value %q is not the sandbox wallet app", code)
	}
	var qrLoaded bool
	b.run(chromedp.Evaluate(`document.querySelector("[data-testid=qr]").naturalWidth > 0`, &qrLoaded))
	if !qrLoaded {
		t.Fatal("the QR image did not load")
	}
	// Watch the headline from inside this document: what the watcher
	// records proves the change happened without a reload.
	b.run(chromedp.Evaluate(`new MutationObserver(() => {
		const h = document.querySelector("[data-testid=link-headline]").textContent;
		sessionStorage.setItem("headlineSeenInPlace", h);
	}).observe(document.querySelector("[data-testid=link]"), {subtree: true, childList: true, characterData: true})`, nil))

	agreeInWallet(b.tab(), code, u)

	// It then returns to My wallets by itself.
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
	var seen string
	b.run(chromedp.Evaluate(`sessionStorage.getItem("headlineSeenInPlace") || ""`, &seen))
	if seen != "Linked: "+u.UserLoginID {
		t.Fatalf("the link page did not turn to Linked in place; it showed %q", seen)
	}
}

func TestLinkExpiresAndOffersNewQR(t *testing.T) {
	srv := startServer(t, nil, func(c *app.Config) { c.LinkTimeout = 2 * time.Second })
	b := newBrowser(t, srv.URL)
	signUp(b, "exp@example.com")
	first := startLinking(b, "DANA")
	b.waitText("[data-testid=link-headline]", "This QR code has expired")
	b.click("[data-testid=renew]", "[data-testid=code-value]")
	b.waitText("[data-testid=link-headline]", "Scan this code")
	second := b.text("[data-testid=code-value]")
	if second == first {
		t.Fatal("the new QR code is the old one")
	}
	// That the new code links as usual is checkout's TestLinkOnAPhone (a
	// renewed attempt, linked) and TestLinkWalletByScanning (the page):
	// here the new code, too, expires 2 s after it is shown, sooner than
	// Chromium under load can sign in to the wallet and agree.
}

func TestUnlinkRemovesWallet(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "unl@example.com")
	login := linkWallet(b, "ALIPAY_HK")
	b.visit("/wallets")
	b.waitText("[data-testid=wallet-login]", login)
	// Unlink asks first; keeping the wallet changes nothing.
	b.click("[data-testid=unlink]", "[data-testid=confirm]")
	b.waitText("[data-testid=confirm-subject]", "AlipayHK "+login)
	b.lookHere()
	b.click("[data-testid=confirm-no]", "[data-testid=wallets]")
	b.waitText("[data-testid=wallet-login]", login)
	b.click("[data-testid=unlink]", "[data-testid=confirm]")
	// The confirmation has an address of its own, reached by a redirect
	// from the button's POST (Post/Redirect/Get): Reload shows it again
	// and sends nothing — no Confirm Form Resubmission.
	var confirmAt string
	b.run(chromedp.Location(&confirmAt))
	if u, err := url.Parse(confirmAt); err != nil || !strings.HasPrefix(u.Path, "/wallets/") || !strings.HasSuffix(u.Path, "/unlink/confirm") {
		t.Fatalf("the confirmation is at %q, not an address of its own", confirmAt)
	}
	b.run(chromedp.Reload())
	b.waitText("[data-testid=confirm-subject]", "AlipayHK "+login)
	if n := srv.App.Sandbox().Calls("authorizations/revoke"); n != 0 {
		t.Fatalf("%d revoke calls before the confirmation", n)
	}
	b.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	// The notice says what was true when the unlink answered: unlinked,
	// as the sandbox answers the revoke at once (the box under it agrees),
	// or — the reconciler holding the wallet's lease then — that the
	// unlink is being confirmed (the box may already say it is done).
	unlinking, done := "AlipayHK "+login+" is being unlinked: it can no longer be used here.", "No wallet is linked any more. Link one below to pay in one click."
	switch notice, box := b.text("[data-testid=flash]"), b.text("[data-testid=no-wallets]"); {
	case notice == "Wallet unlinked." && box == done:
	case notice == "This wallet can no longer be used here. Its unlink is being confirmed with the wallet." && (box == unlinking || box == done):
	default:
		t.Fatalf("after the unlink the notice says %q above %q", notice, box)
	}
	b.landedWithNotice("/wallets")
	// Back to the confirmation: My wallets says there is nothing to
	// unlink, offers nothing to confirm, and nothing is sent again.
	// (b.back waits for another address: this one is /wallets again.)
	b.run(chromedp.Evaluate(`history.back()`, nil))
	b.waitText("[data-testid=note]", "This wallet is no longer linked, so there is nothing to unlink.")
	b.landedWithNotice("/wallets")
	if strings.Contains(b.html(), `data-testid="confirm-yes"`) {
		t.Fatal("Back to the confirmation after the unlink still asks to confirm")
	}
	if n := srv.App.Sandbox().Calls("authorizations/revoke"); n != 1 {
		t.Fatalf("%d revoke calls after Back to the confirmation, want 1", n)
	}
	// The box says what became of it, never "no wallets linked yet":
	// unlinking while Antom has not confirmed the revoke (the reconciler
	// may hold the wallet's lease), then unlinked.
	deadline := time.Now().Add(15 * time.Second)
	for box := b.text("[data-testid=no-wallets]"); box != done; box = b.text("[data-testid=no-wallets]") {
		if box != unlinking || time.Now().After(deadline) {
			t.Fatalf("the wallets box says %q, want %q (or, for a while, %q)", box, done, unlinking)
		}
		b.visit("/wallets")
	}
}

func TestWalletSideCancelRemovesWallet(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "can@example.com")
	u := walletUser(t, "TNG")
	code := startLinking(b, "TNG")
	phone := b.tab()
	agreeInWallet(phone, code, u)
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)

	phone.open(srv.SandboxURL + "/sandbox/wallet")
	phone.click("[data-testid=wallet-unlink]", "[data-testid=wallet-balances]")

	// My wallets no longer lists it once TOKEN_CANCELED has arrived.
	deadline := time.Now().Add(15 * time.Second)
	for {
		b.visit("/wallets")
		var gone bool
		b.run(chromedp.Evaluate(`document.querySelector("[data-testid=no-wallets]") !== null`, &gone))
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the wallet cancelled in the wallet app is still listed")
		}
	}
}
