package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A one-click pay naming a saved wallet or kept card that is not the
// buyer's (a forged form: another buyer's id, one that does not exist,
// or a malformed one — never read as a new card) is answered 404 in
// words that say so — not "can no longer be used", which would have the
// buyer link it again — the same for every kind of
// id, so that nobody learns which exist or whose they are, with the way
// back to the order's checkout; nothing changes: no attempt, the order
// open, nothing on its timeline, nothing sent to Antom. The owner's own
// wallet and card then pay, each with one call to Antom.
func TestPayWithAnotherBuyersWalletOrCardIsNotFound(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	ownerID := ta.buyerID(t, "owner@example.com")
	wallet := ta.sealedWallet(t, ownerID, "0917****123")
	card := ta.keepPayableCard(t, "owner@example.com")

	other := ta.client(t)
	other.signUp("other@example.com")
	ta.sealedWallet(t, ta.buyerID(t, "other@example.com"), "0998****567") // theirs, not named
	ref := other.buy("coffee", "1")
	timeline := ta.timeline(t, ref)
	back := `href="/checkout/` + ref + `"`
	for _, tc := range []struct {
		action, field, words string
		yours                int64
	}{
		{"/pay", "wallet", "That wallet is not among your saved wallets. Nothing was charged.", wallet},
		{"/card", "card", "That card is not among your kept cards. Nothing was charged.", card},
	} {
		var answers []string
		for _, id := range []string{itoa(tc.yours), "999999", "abc", "0", "-1", ""} {
			p := other.post("/checkout/"+ref+tc.action, url.Values{tc.field: {id}})
			what := tc.field + " " + id + " of someone else"
			assertEqual(t, p.status, http.StatusNotFound, what)
			d := html(t, p.body)
			assertEqual(t, textOf(t, d, "error-message"), tc.words, what+": message")
			assertEqual(t, strings.Count(p.body, "can no longer be used"), 0, what+": says it can no longer be used")
			assertEqual(t, testid(d, "error-back").AttrOr("href", ""), "/checkout/"+ref, what+": the way back")
			assertContains(t, p.body, back)
			answers = append(answers, p.body)
		}
		for i, a := range answers[1:] {
			assertEqual(t, a, answers[0], tc.field+": a made-up or malformed id's answer (case "+itoa(int64(i+1))+") against another buyer's")
		}
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
	assertEqual(t, ta.order(t, ref).Status, db.OrderOpen, "the order")
	assertEqual(t, strings.Join(ta.timeline(t, ref), "\n"), strings.Join(timeline, "\n"), "the order's timeline")
	ta.Checkout.Wait()
	assertEqual(t, f.count("pay"), 0, "pays sent to Antom")

	// The owner's own wallet and card pay: the refusals above were theirs
	// to refuse, not a fake Antom that counts nothing.
	for _, pay := range []url.Values{{"wallet": {itoa(wallet)}}, {"card": {itoa(card)}}} {
		mine := owner.buy("coffee", "1")
		action := "/pay"
		if pay.Has("card") {
			action = "/card"
		}
		p := owner.post("/checkout/"+mine+action, pay)
		assertEqual(t, p.status, http.StatusSeeOther, "the owner's own "+action)
		ta.Checkout.Wait()
	}
	assertEqual(t, f.count("pay"), 2, "pays sent to Antom for the owner")
}

// timeline is order ref's timeline, a line per event.
func (ta *testApp) timeline(t *testing.T, ref string) []string {
	t.Helper()
	events, err := ta.DB.Events(context.Background(), checkout.OrderSubject(ref))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range events {
		lines = append(lines, e.Kind+": "+e.Detail)
	}
	return lines
}
