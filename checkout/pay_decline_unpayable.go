package checkout

// declineUnpayable is the rule "the words of a decline on an order that
// can no longer be paid" as a table: each decline message (a message ID
// of package lang) that ends in advice to pay again — another card,
// another way, a wallet linked again, a new try — to the same message
// without that advice: why the payment did not go through and what was
// (not) charged, the same facts. The page goes on to say that the order
// can no longer be paid and offers no way to pay, which the advice would
// contradict. A message missing here gives no advice and reads as it is.
var declineUnpayable = map[string]string{
	wordsCardFunds:                "decline.card_funds_unpayable",
	wordsWalletRelink:             "decline.wallet_relink_unpayable",
	"decline.wallet_relink_named": "decline.wallet_relink_named_unpayable",
	wordsCardUnusable:             "decline.card_unusable_unpayable",
	wordsWalletRisk:               "decline.wallet_risk_unpayable",
	wordsCardRisk:                 "decline.card_risk_unpayable",
	wordsWalletLimit:              "decline.wallet_limit_unpayable",
	wordsCardLimit:                "decline.card_limit_unpayable",
	wordsMethodLimit:              "decline.method_limit_unpayable",
	wordsWalletAccount:            "decline.wallet_account_unpayable",
	wordsCardAccount:              "decline.card_account_unpayable",
	wordsWalletCurrency:           "decline.wallet_currency_unpayable",
	wordsCardCurrency:             "decline.card_currency_unpayable",
	wordsShopSetup:                "decline.shop_setup_unpayable",
	wordsServiceFailed:            "decline.service_failed_unpayable",
	wordsClosed:                   "decline.closed_unpayable",
	wordsCancelled:                "decline.cancelled_unpayable",
	wordsNeverArrived:             "decline.never_arrived_unpayable",
	wordsNeverArrivedEnded:        "decline.never_arrived_ended_unpayable",
	wordsNoPaymentPage:            "decline.no_payment_page_unpayable",
	wordsWalletDeclined:           "decline.wallet_declined_unpayable",
	wordsCardDeclined:             "decline.card_declined_unpayable",
}

// DeclineWhenUnpayable names the words of decline message id (DeclineWords,
// ClosedByUsWords, EndingWords, or the wallet-naming relink words) on an
// order that can no longer be paid: without its advice to pay again
// (declineUnpayable), or id itself when it gives none.
func DeclineWhenUnpayable(id string) string {
	if v, ok := declineUnpayable[id]; ok {
		return v
	}
	return id
}
