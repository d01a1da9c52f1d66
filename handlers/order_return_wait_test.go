package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// answerBound is a generous upper bound on how long a buyer's action
// bounded by Options.ActionWait (20 ms in these tests) may take in all:
// the fake Antom holds a call for 10 s.
const answerBound = 5 * time.Second

// inquiryFail is inquiryPayment's answer for a payment that failed.
const inquiryFail = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentStatus":"FAIL","paymentResultCode":"CARD_NOT_SUPPORTED"}`

// The buyer back from Antom's card page while Antom does not answer the
// inquiry lands on the result page within Options.ActionWait: the
// payment being confirmed, and "still asking". The reconciler leaves the
// attempt to the inquiry under way (its lease): nothing is asked twice.
// Once Antom answers, the page's long-poll brings the outcome.
func TestReturnFromCardPageAnswersWhileAntomIsSilent(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "inquiryPayment")
	f.answer = map[string]string{"inquiryPayment": inquiryFail}
	f.arrived = make(chan string, 1)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard,
		ExpiresAt: ta.now.Add(14 * time.Minute), NextCheckAt: ta.now}) // due: the reconciler would ask now
	if err := ta.DB.SetAttemptRedirect(context.Background(), id, cardPage, ta.now); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	p := guest.get("/orders/" + ref + "/return")
	if took := time.Since(start); took > answerBound {
		t.Fatalf("the return answered after %v, Antom silent", took)
	}
	assertEqual(t, p.status, http.StatusSeeOther, "the return")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "where the return leads")
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatal("the return asked Antom nothing")
	}
	d := html(t, guest.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "state while Antom is asked")
	assertEqual(t, textOf(t, d, "result-notice"), stillAskingWords, "the notice while Antom is asked")
	if err := ta.Checkout.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, f.count("inquiryPayment"), 1, "inquiries while the return's is held")

	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: FAIL
	s := <-polled
	assertEqual(t, s.Status, "failed", "state once Antom answered")
	assertEqual(t, f.count("inquiryPayment"), 1, "inquiries")
}

// pollOrder is the result page's script waiting for news after key seen
// at addr (the page's data-status-url): the answer comes on the channel;
// a failed poll fails the test.
func pollOrder(t *testing.T, b *browserClient, addr, seen string) <-chan orderStatus {
	t.Helper()
	return pollJSON[orderStatus](t, b, addr+"&seen="+url.QueryEscape(seen))
}

// pollJSON is a page's script long-polling addr, in the background: its
// JSON answer comes on the channel; a failed poll fails the test.
func pollJSON[T any](t *testing.T, b *browserClient, addr string) <-chan T {
	t.Helper()
	polled := make(chan T, 1)
	go func() {
		defer close(polled)
		resp, err := b.http.Get(b.base + addr)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		var s T
		body, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(body, &s); err != nil {
			t.Error(fmt.Errorf("%d %s: %w", resp.StatusCode, body, err))
			return
		}
		polled <- s
	}()
	return polled
}

// cancellingWords is the cancelling card's detail (lang/catalog/en.toml):
// true while only the inquiry is out, and after the cancel is sent.
const cancellingWords = "We are checking the card payment you left with the payment service, and cancel it if it is still open. So that you cannot be charged twice, a new payment can start only once the payment service confirms it is closed. This page updates by itself."

// "Pay another way" whose inquiry Antom does not answer within the wait
// answers the buyer: the page does not say a cancel was asked for — none
// has gone out — but that the payment is being checked and cancelled if
// still open. Once Antom answers that it is open, the one cancel goes
// out and the page's long-poll shows the payment cancelled.
func TestPayAnotherWaySaysWhatWasSent(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "inquiryPayment")
	f.answer = map[string]string{"inquiryPayment": inquiryProcessing}
	f.arrived = make(chan string, 1)
	guest := ta.client(t)
	ref := guest.buy("mug", "1")
	ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)

	p := guest.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "back to the result page")
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatal("pay another way asked Antom nothing")
	}
	d := html(t, guest.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "cancelling", "state while the inquiry is out")
	assertEqual(t, textOf(t, d, "result-detail"), cancellingWords, "the words while the inquiry is out")
	assertEqual(t, f.count("cancel"), 0, "cancels while the inquiry is out")

	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: still PROCESSING, so it is cancelled
	s := <-polled
	for s.Status == "cancelling" { // the cancel under way: the same words
		assertEqual(t, textOf(t, html(t, s.HTML), "result-detail"), cancellingWords, "the words while the cancel is out")
		s = <-pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), s.Key)
	}
	assertEqual(t, s.Status, "cancelled", "state once Antom answered")
	assertEqual(t, f.count("cancel"), 1, "cancels")
}

// payDeclined is pay's answer for a wallet payment refused.
const payDeclined = `{"result":{"resultCode":"USER_BALANCE_NOT_ENOUGH","resultStatus":"F","resultMessage":"balance"}}`

// A one-click wallet pay that Antom does not answer within the wait
// answers the buyer anyway: the result page, processing, says Antom is
// still being asked; the pay call goes on (sent once) and its answer
// reaches the page through its long-poll.
func TestWalletPayAnswersWhileAntomIsSilent(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "pay")
	f.answer = map[string]string{"pay": payDeclined}
	f.arrived = make(chan string, 1)
	b := ta.client(t)
	b.signUp("silent-wallet@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "silent-wallet@example.com"), "0917****111")
	ref := b.buy("coffee", "1")

	start := time.Now()
	p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}})
	if took := time.Since(start); took > answerBound {
		t.Fatalf("the pay answered after %v, Antom silent", took)
	}
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "where the pay leads")
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatal("the pay reached no Antom")
	}
	d := html(t, b.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "state while Antom is asked")
	assertEqual(t, textOf(t, d, "result-notice"), stillAskingWords, "the notice while Antom is asked")

	polled := pollOrder(t, b, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: F
	s := <-polled
	assertEqual(t, s.Status, "failed", "state once Antom answered")
	assertEqual(t, f.count("pay"), 1, "pays")
}

// A buyer's unlink that Antom does not answer within the wait answers
// anyway: the wallet is out of checkout at once, and the revoke goes on
// (sent once) until Antom answers, which ends the wallet.
func TestUnlinkAnswersWhileAntomIsSilent(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "revoke")
	f.arrived = make(chan string, 1)
	b := ta.client(t)
	b.signUp("silent-unlink@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "silent-unlink@example.com"), "0917****222")

	start := time.Now()
	p := b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), url.Values{"confirm": {"yes"}})
	if took := time.Since(start); took > answerBound {
		t.Fatalf("the unlink answered after %v, Antom silent", took)
	}
	noticed(t, p, "/wallets") // where the unlink leads
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatal("the unlink reached no Antom")
	}
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletRevoking, "the wallet while Antom is asked")
	f.releaseOnce()
	ta.Checkout.Wait()
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletRevoked, "the wallet once Antom answered")
	assertEqual(t, f.count("revoke"), 1, "revokes")
}

// sealedWallet is insertWallet with an access token sealed as
// newFakeAntomAppWith's service opens it: one Antom is asked about.
func (ta *testApp) sealedWallet(t *testing.T, buyerID int64, login string) int64 {
	t.Helper()
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef")) // newFakeAntomAppWith's key
	if err != nil {
		t.Fatal(err)
	}
	token := "access-token-" + login
	id, err := ta.DB.InsertWallet(context.Background(), db.Wallet{
		BuyerID: buyerID, Wallet: "GCASH", UserLoginID: login,
		AccessTokenSealed: sealer.Seal([]byte(token), "access-token"), AccessTokenHash: sealer.Lookup(token),
		Status: db.WalletActive, LinkedAt: ta.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
