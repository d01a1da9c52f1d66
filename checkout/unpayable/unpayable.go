// Package unpayable holds one rule of package checkout's as a table:
// the words of a message on an order that can no longer be paid
// (checkout.Unpayable: its product is no longer for sale, or its payment
// attempts are used up). A message that ends in advice to pay again —
// another card, another way, a wallet linked again, a new try, "Choose
// how to pay." — is said there as its variant without that advice: why
// the payment did not go through and what was (not) charged, the same
// facts. The page goes on to say that the order can no longer be paid
// and offers no way to pay, which the advice would contradict.
//
// A leaf package, so that both checkout (a decline's words, handlers'
// lastDecline) and views (the result and checkout pages' own messages)
// read the one table: views may not import checkout.
package unpayable

// variants maps each message ID of package lang that gives advice to pay
// to the ID of its words without it. A message missing here gives no
// advice and reads as it is.
var variants = map[string]string{
	// Why a payment did not go through (checkout's decline words).
	"decline.card_funds":          "decline.card_funds_unpayable",
	"decline.wallet_relink":       "decline.wallet_relink_unpayable",
	"decline.wallet_relink_named": "decline.wallet_relink_named_unpayable",
	"decline.card_unusable":       "decline.card_unusable_unpayable",
	"decline.wallet_risk":         "decline.wallet_risk_unpayable",
	"decline.card_risk":           "decline.card_risk_unpayable",
	"decline.wallet_limit":        "decline.wallet_limit_unpayable",
	"decline.card_limit":          "decline.card_limit_unpayable",
	"decline.method_limit":        "decline.method_limit_unpayable",
	"decline.wallet_account":      "decline.wallet_account_unpayable",
	"decline.card_account":        "decline.card_account_unpayable",
	"decline.wallet_currency":     "decline.wallet_currency_unpayable",
	"decline.card_currency":       "decline.card_currency_unpayable",
	"decline.shop_setup":          "decline.shop_setup_unpayable",
	"decline.service_failed":      "decline.service_failed_unpayable",
	"decline.closed":              "decline.closed_unpayable",
	"decline.cancelled":           "decline.cancelled_unpayable",
	"decline.never_arrived":       "decline.never_arrived_unpayable",
	"decline.never_arrived_ended": "decline.never_arrived_ended_unpayable",
	"decline.no_payment_page":     "decline.no_payment_page_unpayable",
	"decline.wallet_declined":     "decline.wallet_declined_unpayable",
	"decline.card_declined":       "decline.card_declined_unpayable",
	// What became of the last payment, on the checkout page ("Choose how
	// to pay.").
	"checkout.last_returned": "checkout.last_returned_unpayable",
	"checkout.last_expired":  "checkout.last_expired_unpayable",
	"checkout.last_left":     "checkout.last_left_unpayable",
	// On the result page: a card page refused as unsafe ("please try
	// again"), a cancel under way ("a new payment can start only
	// once…"), a card page not opened, open or ended (which name another
	// way to pay; an open one stays the way to pay).
	"checkout.card_page_unsafe":        "checkout.card_page_unsafe_unpayable",
	"result.detail_cancelling":         "result.detail_cancelling_last",
	"result.detail_cancelling_expired": "result.detail_cancelling_expired_last",
	"result.detail_card_not_opened":    "result.detail_card_not_opened_last",
	"result.detail_card_page":          "result.detail_card_page_last",
	"result.detail_card_page_expired":  "result.detail_card_page_expired_last",
	// The result page's headline and words of an order not paid ("…
	// waiting for payment", "Go to checkout to pay for it.") and of a
	// payment not confirmed ("This order can be paid again").
	"result.head_unpaid":          "result.head_unpaid_ended",
	"result.detail_unpaid":        "result.detail_unpaid_ended",
	"latecharge.head_unconfirmed": "latecharge.head_unconfirmed_ended",
}

// Words is the ID of message id's words on an order that can no longer
// be paid: its variant without its advice to pay, or id itself when it
// gives none.
func Words(id string) string {
	if v, ok := variants[id]; ok {
		return v
	}
	return id
}

// Variants is every message with a variant, to its variant: a copy, for
// the tests of the packages that say them.
func Variants() map[string]string {
	m := make(map[string]string, len(variants))
	for id, v := range variants {
		m[id] = v
	}
	return m
}
