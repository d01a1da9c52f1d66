package e2e

import (
	"strings"
	"testing"
)

// Link a wallet while Antom's consult answers only after the buyer's wait
// (Options.ActionWait): the sandbox holds consult until the test has
// seen the link page say that the QR code is being prepared. Once consult
// answers, the page shows the QR code by itself (no click, no reload of
// ours), and the code links the wallet as usual.
func TestSlowConsultShowsQRWhenReady(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "slow@example.com")
	u := walletUser(t, "GCASH")

	consult := srv.App.Sandbox().Faults().Hold("authorizations/consult")
	t.Cleanup(consult.Release)
	b.visit("/wallets")
	b.click(`input[name=wallet][value=GCASH]`, "[data-testid=start-link]")
	b.click("[data-testid=start-link]", "[data-testid=link-headline]")
	b.waitText("[data-testid=link-headline]", "We're preparing your GCash code…")
	select {
	case <-consult.Arrived():
	default:
		t.Fatal("the page says the code is being prepared, and consult never reached Antom")
	}

	consult.Release() // Antom answers: the QR code
	b.waitText("[data-testid=link-headline]", "Scan this code with the GCash app")
	code := b.text("[data-testid=code-value]")
	if !strings.HasPrefix(code, srv.SandboxURL+"/sandbox/wallet/") {
		t.Fatalf("QR value %q is not the sandbox wallet app", code)
	}
	agreeInWallet(b.tab(), code, u)
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
}
