package handlers

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// The words of a result page waiting for Antom's card page
// (lang/catalog/en.toml): no page seen, nothing paid.
const (
	cardOpeningHead   = "We're opening the card page…"
	cardOpeningDetail = "The payment service is preparing the page where you enter your card. This page takes you there as soon as it is ready. Nothing has been charged."
	// cardPageUnsafeWords is checkout.card_page_unsafe.
	cardPageUnsafeWords = "The card payment page could not be opened safely. Nothing was charged; please try again."
	// cardPageUnsafeClosingWords are the same while its payment is being
	// closed: no way to pay until it is.
	cardPageUnsafeClosingWords = "The card payment page could not be opened safely. Nothing was charged. " +
		"We are making sure the payment service closes this payment. This page then lets you pay again."
)

// cardGateway is the gateway the card tests' service trusts for
// redirects; the fake Antom's normalUrl is on it.
const cardGateway = "https://antom.test"

// payInProcess is pay's answer for a hosted card payment: U
// PAYMENT_IN_PROCESS and the card page to send the buyer to (%s).
const payInProcess = `{"result":{"resultCode":"PAYMENT_IN_PROCESS","resultStatus":"U","resultMessage":"in process"},"paymentId":"PAY-CARD-1","normalUrl":"%s"}`

// newSilentCardApp is a fake Antom that holds pay (answering answer once
// released) and a service that waits 20 ms for it, trusting cardGateway.
func newSilentCardApp(t *testing.T, answer string) (*testApp, *fakeAntom) {
	t.Helper()
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) {
		o.ActionWait, o.GatewayURL = 20*time.Millisecond, cardGateway
	}, "pay")
	f.answer = map[string]string{"pay": answer}
	f.arrived = make(chan string, 1)
	return ta, f
}

// payByCardSilent presses "Pay by card" while Antom holds pay: the POST
// answers within the wait all the same, to the page that waits for the
// card page, once pay has reached Antom.
func payByCardSilent(t *testing.T, b *browserClient, f *fakeAntom, ref string) string {
	t.Helper()
	start := time.Now()
	p := b.post("/checkout/"+ref+"/card", nil)
	if took := time.Since(start); took > answerBound {
		t.Fatalf("Pay by card answered after %v, Antom silent", took)
	}
	assertEqual(t, p.status, http.StatusSeeOther, "Pay by card")
	assertEqual(t, p.location, "/orders/"+ref+"/card-page", "where Pay by card leads while Antom is silent")
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatal("Pay by card reached no Antom")
	}
	return p.location
}

// Pay by card while Antom does not answer pay within the wait: the buyer
// lands at once on a page that says the card page is being prepared (not
// that it was shown, nor that anything was paid), with nothing to press;
// a second press and a reload send no second pay; once pay answers, the
// page's long-poll sends the browser on to Antom's card page, as a
// reload of the page does.
func TestPayByCardAnswersWhileAntomIsSilent(t *testing.T) {
	cardPageURL := cardGateway + "/card?id=1"
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, cardPageURL))
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")

	wait := payByCardSilent(t, guest, f, ref)
	again := guest.post("/checkout/"+ref+"/card", nil)
	assertEqual(t, resultAt(again.location), "/orders/"+ref, "a second press, the first pay out")

	for range 2 { // the page, and a reload of it
		p := guest.get(wait)
		assertEqual(t, p.status, http.StatusOK, "the page waiting for the card page")
		d := html(t, p.body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "state while pay is out")
		assertEqual(t, textOf(t, d, "result-headline-text"), cardOpeningHead, "headline while pay is out")
		assertEqual(t, textOf(t, d, "result-detail"), cardOpeningDetail, "detail while pay is out")
		assertEqual(t, testid(d, "check-again").Length(), 0, "check-again buttons while pay is out")
		assertEqual(t, testid(d, "result").AttrOr("data-live", ""), "true", "the page listens for news")
	}
	d := html(t, guest.get(wait).body)
	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: the card page
	s := <-polled
	assertEqual(t, s.Go, cardPageURL, "where the page sends the browser once pay answered")
	assertEqual(t, s.Status, "card-page", "state once pay answered")
	p := guest.get(wait)
	assertEqual(t, p.status, http.StatusSeeOther, "the waiting page, reloaded once pay answered")
	assertEqual(t, p.location, cardPageURL, "where the waiting page leads once pay answered")
	ta.Checkout.Wait()
	assertEqual(t, f.count("pay"), 1, "pays")

	// A result page that did not wait for the card page (its buyer may
	// have seen and left it) is sent nowhere.
	r := html(t, guest.get("/orders/"+ref).body)
	assertEqual(t, testid(r, "result").AttrOr("data-status", ""), "card-page", "the result page")
	polled = pollOrder(t, guest, testid(r, "result").AttrOr("data-status-url", ""), "stale")
	assertEqual(t, (<-polled).Go, "", "where a result page that did not wait is sent")
}

// A card pay that Antom declines after the wait: the waiting page's
// long-poll shows the refusal in the very words a decline within the
// wait shows, with the way to pay another way, and sends the browser
// nowhere.
func TestPayByCardDeclinedWhileAntomIsSilent(t *testing.T) {
	// Within the wait: the words the buyer reads today.
	quick, quickAntom := newFakeAntomAppWith(t, func(o *checkout.Options) { o.GatewayURL = cardGateway })
	quickAntom.answer = map[string]string{"pay": payDeclined}
	b := quick.client(t)
	ref := b.buy("coffee", "1")
	p := b.post("/checkout/"+ref+"/card", nil)
	assertEqual(t, p.location, "/orders/"+ref, "where a decline within the wait leads")
	d := html(t, b.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "failed", "a decline within the wait")
	declined := textOf(t, d, "result-detail")

	ta, f := newSilentCardApp(t, payDeclined)
	guest := ta.client(t)
	ref = guest.buy("coffee", "1")
	wait := payByCardSilent(t, guest, f, ref)
	d = html(t, guest.get(wait).body)
	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: F
	s := <-polled
	assertEqual(t, s.Status, "failed", "state once pay answered")
	assertEqual(t, s.Go, "", "where the page sends the browser")
	polledCard := html(t, s.HTML)
	assertEqual(t, textOf(t, polledCard, "result-detail"), declined, "the refusal's words")
	assertEqual(t, testid(polledCard, "pay-another-way").AttrOr("href", ""), "/checkout/"+ref, "the way to pay another way")
	p = guest.get(wait)
	assertEqual(t, p.location, "/orders/"+ref, "the waiting page, reloaded once pay failed")
	ta.Checkout.Wait()
	assertEqual(t, f.count("pay"), 1, "pays")
}

// A card page that Antom's late answer puts outside the gateway's host
// is not where the page sends the browser: it says, in the words a
// refusal within the wait uses, that the page could not be opened safely.
func TestPayByCardPageOutsideGatewayAfterTheWait(t *testing.T) {
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, "https://elsewhere.test/card?id=1"))
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	wait := payByCardSilent(t, guest, f, ref)
	d := html(t, guest.get(wait).body)
	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce()
	s := <-polled
	assertEqual(t, s.Go, "", "where the page sends the browser")
	// The poll sees the payment being closed or, if the close was quicker,
	// closed: each says the page was unsafe, and pay again only once
	// closed (the close's pace decides which, not the test).
	words := map[string]string{"processing": cardPageUnsafeClosingWords, "cancelled": cardPageUnsafeWords}[s.Status]
	if words == "" {
		t.Fatalf("state once pay answered: %q, want processing or cancelled", s.Status)
	}
	assertEqual(t, textOf(t, html(t, s.HTML), "result-detail"), words, "the words once pay answered ("+s.Status+")")
	ta.Checkout.Wait()
	p := guest.get(wait)
	assertEqual(t, p.location, "/orders/"+ref, "the waiting page, reloaded once cancelled")
	d = html(t, guest.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "cancelled", "state once cancelled")
	assertEqual(t, textOf(t, d, "result-detail"), cardPageUnsafeWords, "the words once cancelled")
	assertEqual(t, f.count("pay"), 1, "pays")
}

// payUnknown is pay's answer that tells nothing: U without a card page.
const payUnknown = `{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"unknown"}}`

// Antom's late answer to a new card's pay says nothing and gives no card
// page: the page no longer says the card page is being prepared, nor that
// a card payment is being confirmed as if the buyer might have paid — no
// page was shown, nothing can have been taken — and it does not send the
// browser anywhere.
func TestPayByCardWithoutAPageAfterTheWait(t *testing.T) {
	ta, f := newSilentCardApp(t, payUnknown)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	wait := payByCardSilent(t, guest, f, ref)
	d := html(t, guest.get(wait).body)
	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: U, no page
	s := <-polled
	assertEqual(t, s.Status, "processing", "state once pay answered nothing")
	assertEqual(t, s.Go, "", "where the page sends the browser")
	card := html(t, s.HTML)
	assertEqual(t, textOf(t, card, "result-headline-text"), "The card page did not open", "headline")
	assertEqual(t, textOf(t, card, "result-detail"), "The payment service did not give us the card page, so none was shown and nothing has been charged. "+
		"We are making sure it closes this payment. This page then lets you pay again.", "detail")
	ta.Checkout.Wait()
}

// A new card's pay whose call is still out — as when the instance that
// sent it died mid-call and its card page's mark stayed — and that Antom
// closes meanwhile (a notification: F ORDER_IS_CLOSED), within the
// attempt's first lease: the page says it failed, at once, not that the
// card page is being prepared. Antom's final word is the result; only
// the app's own close of a payment that came without a page (a new
// attempt follows) keeps the page waiting.
func TestCardPageNotAwaitedOnceAntomClosedThePayment(t *testing.T) {
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, cardGateway+"/card?id=1"))
	t.Cleanup(f.releaseOnce)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	wait := payByCardSilent(t, guest, f, ref)
	ctx := context.Background()
	o, err := ta.DB.OrderByRef(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ta.DB.LatestAttempt(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"ORDER_IS_CLOSED","resultStatus":"F","resultMessage":"order closed"},"paymentRequestId":%q,"paymentAmount":{"currency":"USD","value":"%d"}}`, a.PaymentRequestID, a.Amount)
	if rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))); rec.Code != http.StatusOK {
		t.Fatalf("notification: %d %s", rec.Code, rec.Body)
	}
	p := guest.get(wait)
	assertEqual(t, p.location, "/orders/"+ref, "the waiting page once Antom closed the payment")
	d := html(t, guest.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "failed", "the result page once Antom closed the payment")
	if textOf(t, d, "result-headline-text") == cardOpeningHead {
		t.Errorf("the result page still says %q", cardOpeningHead)
	}
}
