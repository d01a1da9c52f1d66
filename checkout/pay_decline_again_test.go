package checkout

import (
	"regexp"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// adviceToPayAgain matches English decline words that advise paying again
// the way just tried, which a "Pay another way" button beside them would
// contradict.
var adviceToPayAgain = regexp.MustCompile(`(?i)you can pay again|try again`)

// Every decline message's result page offers the button its words
// advise: "Pay again" for one that says to pay or try again, "Pay
// another way" for any other — a decline message added later cannot be
// left with the wrong one. Before this rule every failed payment's page
// said "Pay another way", under "… You can pay again." too.
func TestEveryDeclineOffersTheButtonItsWordsAdvise(t *testing.T) {
	en, err := lang.Catalog(lang.English)
	check(t, err)
	variants := map[string]bool{}
	for _, v := range declineUnpayable {
		variants[v] = true
	}
	ids, again := 0, 0
	for id, words := range en {
		if !strings.HasPrefix(id, "decline.") || variants[id] {
			continue
		}
		ids++
		advises := adviceToPayAgain.MatchString(words)
		if got := DeclinePaysAgain(id); got != advises {
			t.Errorf("DeclinePaysAgain(%s) = %v, its words: %q", id, got, words)
		}
		if advises {
			again++
		}
	}
	if ids < 25 || again < 5 {
		t.Fatalf("read only %d decline messages, %d advising to pay again", ids, again)
	}
	for id := range declinePaysAgain {
		if _, ok := en[id]; !ok || !strings.HasPrefix(id, "decline.") {
			t.Errorf("%s is not a decline message", id)
		}
	}
	// ORDER_IS_CLOSED, the trial's: "You can pay again." beside Pay again.
	if id := DeclineWords("ORDER_IS_CLOSED", "WALLET"); !DeclinePaysAgain(id) {
		t.Errorf("ORDER_IS_CLOSED (%s) offers Pay another way", id)
	}
}
