package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// applyToken's answer is lost after Antom made the token (the sandbox
// drops it); our resend with the same single-use authCode is refused
// INVALID_AUTHCODE. The buyer did nothing wrong and their wallet app may
// show the shop as linked: the link page says that the shop could not
// finish the link, that nothing was charged, and what to do — link again
// here, or remove the unfinished link in the wallet app — never that the
// confirmation expired or was already used. (A code refused at its first
// call keeps INVALID_AUTHCODE and those words: checkout's
// TestAuthCodeDeliveredEightTimes and the phone flow's
// TestEndedPhoneLinkSaysTryLinkingAgain.)
func TestLinkWhoseTokenAnswerWasLostSaysTheWalletMayShowIt(t *testing.T) {
	sa := newSandboxApp(t)
	ctx := context.Background()
	const email = "answer.lost@example.com"
	b := sa.client(t)
	b.signUp(email)
	buyer := sa.buyerID(t, email)
	var login string
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == "DANA" {
			login = u.Login
			break
		}
	}

	sa.sb.Faults().SetAPI("authorizations/applyToken", sandbox.APIFault{DropNext: 1})
	l, err := sa.Checkout.StartLink(ctx, buyer, "DANA", "/wallets", antom.Env{ClientIP: "127.0.0.1"})
	check(t, err)
	check(t, sa.sb.Authorize(ctx, l.CodeValue, login)) // the buyer presses Agree in the wallet app
	for deadline := time.Now().Add(10 * time.Second); l.Status != db.LinkFailed; {
		if l, err = sa.Checkout.LinkForBuyer(ctx, buyer, l.ID); err != nil {
			t.Fatal(err)
		}
		if l.Status == db.LinkLinked || time.Now().After(deadline) {
			t.Fatalf("link is %s, want %s", l.Status, db.LinkFailed)
		}
		time.Sleep(10 * time.Millisecond)
	}
	sa.Checkout.Wait()
	assertEqual(t, sa.sb.Calls("authorizations/applyToken"), 2, "applyToken calls (the lost one, the refused resend)")
	assertEqual(t, l.FailureCode, "TOKEN_ANSWER_LOST", "the link's failure")

	const lost = "Your wallet app may show this shop as linked, but the wallet's answer to the shop was lost, so the shop could not finish the link and cannot pay with it. Nothing was charged. "
	d := html(t, b.get(fmt.Sprintf("/wallets/link/%d", l.ID)).body)
	assertEqual(t, textOf(t, d, "link-headline"), "Linking DANA did not work", "the link page's headline")
	assertEqual(t, textOf(t, d, "link-detail"), lost+"Show a new code to link again; you can remove the unfinished link from your wallet app.", "the link page's words")
	if s := b.get(fmt.Sprintf("/wallets/link/%d/status?seen=AUTHORIZED", l.ID)).body; !strings.Contains(s, "may show this shop as linked") || strings.Contains(s, "expired or was already used") {
		t.Fatalf("the link's live status says: %s", s)
	}

}
