package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// The timeline's lines about sending the buyer to Antom's payment page.
const (
	sentLine    = "buyer sent to Antom's payment page"
	sentOnLine  = "Antom's payment page came after the buyer's wait: the page they wait on sends them there"
	sealTestKey = "0123456789abcdef0123456789abcdef" // the fake Antom app's sealer key
)

// sendingLines returns order ref's timeline lines about who sends the
// buyer to Antom's page.
func sendingLines(t *testing.T, ta *testApp, ref string) []string {
	t.Helper()
	events, err := ta.DB.Events(context.Background(), checkout.OrderSubject(ref))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range events {
		if e.Detail == sentLine || e.Detail == sentOnLine {
			lines = append(lines, e.Detail)
		}
	}
	return lines
}

// keepPayableCard keeps a card for the buyer whose token the fake Antom
// app's service can open, and returns its id.
func (ta *testApp) keepPayableCard(t *testing.T, email string) int64 {
	t.Helper()
	sealer, err := checkout.NewSealer([]byte(sealTestKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := ta.buyerID(t, email)
	if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: id, TokenSealed: sealer.Seal([]byte("card-token-1"), "card-token"), TokenHash: "card-" + email,
		Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	cs, err := ta.DB.BuyerCards(ctx, id, db.CardActive)
	if err != nil || len(cs) == 0 {
		t.Fatalf("kept card: %v", err)
	}
	return cs[0].ID
}

// A new card's page that comes within the wait: this request sends the
// buyer there, and the timeline says so.
func TestCardPageWithinTheWaitIsSentByTheRequest(t *testing.T) {
	cardPageURL := cardGateway + "/card?id=1"
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.GatewayURL = cardGateway })
	f.answer = map[string]string{"pay": fmt.Sprintf(payInProcess, cardPageURL)}
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	p := b.post("/checkout/"+ref+"/card", nil)
	assertEqual(t, p.location, cardPageURL, "where Pay by card leads")
	ta.Checkout.Wait()
	assertEqual(t, fmt.Sprintf("%q", sendingLines(t, ta, ref)), fmt.Sprintf("%q", []string{sentLine}), "the timeline")
}

// A new card's page that comes after the wait: the page the buyer waits
// on sends them there, and the timeline says that, not that we sent them.
func TestCardPageAfterTheWaitIsSentByThePage(t *testing.T) {
	cardPageURL := cardGateway + "/card?id=1"
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, cardPageURL))
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	wait := payByCardSilent(t, guest, f, ref)
	d := html(t, guest.get(wait).body)
	polled := pollOrder(t, guest, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce()
	assertEqual(t, (<-polled).Go, cardPageURL, "where the page sends the browser")
	ta.Checkout.Wait()
	assertEqual(t, fmt.Sprintf("%q", sendingLines(t, ta, ref)), fmt.Sprintf("%q", []string{sentOnLine}), "the timeline")
}

// A kept card paid in one click whose pay Antom answers after the wait
// with a 3-D Secure page: the buyer, on the result page saying we are
// still asking, is sent there by its long-poll — never told to continue
// on a card page they have not seen — and the timeline says the page
// did the sending.
func TestKeptCardThreeDSecureAfterTheWait(t *testing.T) {
	challenge := cardGateway + "/3ds?id=1"
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, challenge))
	b := ta.client(t)
	b.signUp("kept@example.com")
	card := ta.keepPayableCard(t, "kept@example.com")
	ref := b.buy("coffee", "1")
	p := b.post("/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}})
	assertEqual(t, p.status, http.StatusSeeOther, "Pay with the kept card")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "where a kept card leads while Antom is silent")
	<-f.arrived
	d := html(t, b.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "state while pay is out")
	assertEqual(t, textOf(t, d, "result-headline-text"), "We're confirming your card payment…", "headline while pay is out")
	polled := pollOrder(t, b, testid(d, "result").AttrOr("data-status-url", ""), testid(d, "result").AttrOr("data-key", ""))
	f.releaseOnce() // Antom answers: a 3-D Secure page
	s := <-polled
	assertEqual(t, s.Go, challenge, "where the waiting page sends the browser")
	ta.Checkout.Wait()
	assertEqual(t, f.count("pay"), 1, "pays")
	assertEqual(t, fmt.Sprintf("%q", sendingLines(t, ta, ref)), fmt.Sprintf("%q", []string{sentOnLine}), "the timeline")

	// A result page opened afresh (its buyer may since have seen and
	// left the page) is sent nowhere.
	r := html(t, b.get("/orders/"+ref).body)
	polled = pollOrder(t, b, testid(r, "result").AttrOr("data-status-url", ""), "stale")
	assertEqual(t, (<-polled).Go, "", "where a result page that did not wait is sent")
	if slices.Contains(sendingLines(t, ta, ref), sentLine) {
		t.Fatal("the timeline says we sent the buyer")
	}
}
