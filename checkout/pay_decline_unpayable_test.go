package checkout

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"antom-checkout/checkout/unpayable"
	"antom-checkout/lang"
)

// declineUnpayable is unpayable's table for the decline messages.
var declineUnpayable = func() map[string]string {
	m := map[string]string{}
	for id, v := range unpayable.Variants() {
		if strings.HasPrefix(id, "decline.") {
			m[id] = v
		}
	}
	return m
}()

// adviceToPay matches English decline words that tell the buyer to pay
// (again, another way, with another card or a wallet linked again).
var adviceToPay = regexp.MustCompile(`(?i)please (use|pay|try|check|ask)|you can pay|try again|another way|another card|new card|link it again`)

// declineSaysNoAdvice are the decline messages that tell the buyer no
// way to pay: said as they are on an order that can no longer be paid.
// A new decline message goes here or, when it ends in advice to pay, in
// declineUnpayable with its variant (TestEveryDeclineWithAdviceHasAVariant).
var declineSaysNoAdvice = []string{
	wordsWalletBalance, wordsWalletFraud, wordsCardFraud, wordsAuthEnded, wordsWalletAuthEnd,
	wordsUnknown, // "don't pay again until this page shows the result": no advice to pay
	"decline.wallet_relink_named_below",
}

// In English no decline's variant advises paying (package unpayable's
// own test holds every variant to every language and to its fields).
func TestDeclineUnpayableVariantsGiveNoAdvice(t *testing.T) {
	en, err := lang.Catalog(lang.English)
	check(t, err)
	for id, v := range declineUnpayable {
		if adviceToPay.MatchString(en[v]) {
			t.Errorf("%s (for %s) still advises paying: %q", v, id, en[v])
		}
	}
}

// Every decline message is either one that gives advice to pay, with its
// variant in declineUnpayable, or one declineSaysNoAdvice names, whose
// words give none: a decline message added later cannot be left out of
// the rule. unpayable.Words gives each variant, and every other message
// as it is.
func TestEveryDeclineWithAdviceHasAVariant(t *testing.T) {
	en, err := lang.Catalog(lang.English)
	check(t, err)
	variants := map[string]bool{}
	for _, v := range declineUnpayable {
		if variants[v] {
			t.Errorf("%s is the variant of two messages", v)
		}
		variants[v] = true
	}
	ids := 0
	for id, words := range en {
		if !strings.HasPrefix(id, "decline.") || variants[id] {
			continue
		}
		ids++
		_, hasVariant := declineUnpayable[id]
		advises := adviceToPay.MatchString(words)
		switch {
		case hasVariant && slices.Contains(declineSaysNoAdvice, id):
			t.Errorf("%s has a variant and is said to give no advice", id)
		case hasVariant && !advises:
			t.Errorf("%s has a variant but gives no advice to pay: %q", id, words)
		case !hasVariant && !slices.Contains(declineSaysNoAdvice, id):
			t.Errorf("%s has no variant without its advice (declineUnpayable), nor is it said to give none (declineSaysNoAdvice): %q", id, words)
		case !hasVariant && advises:
			t.Errorf("%s advises paying but has no variant: %q", id, words)
		}
		if got, want := unpayable.Words(id), declineUnpayable[id]; hasVariant && got != want || !hasVariant && got != id {
			t.Errorf("unpayable.Words(%s) = %s", id, got)
		}
	}
	if ids < 25 {
		t.Fatalf("read only %d decline messages", ids)
	}
	// Every ID a page can be given as a decline's words is one of them.
	said := []string{declineDefault.wallet, declineDefault.card, ClosedByUsWords(true), ClosedByUsWords(false)}
	for _, w := range declineTable {
		said = append(said, w.wallet, w.card)
	}
	for _, id := range said {
		if _, ok := en[id]; !ok || !strings.HasPrefix(id, "decline.") {
			t.Errorf("%s, a decline's words, is not a decline message", id)
		}
	}
}
