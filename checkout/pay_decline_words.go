package checkout

import "antom-checkout/db"

// Buyer words for a payment that did not go through, one sentence set per
// reason and payment method. They are the only buyer-visible words of
// this package: the result and checkout pages show them as they are.
const (
	wordsWalletBalance  = "Your wallet balance is not enough for this payment. Nothing was charged."
	wordsCardFunds      = "Your card was declined: not enough funds. Nothing was charged. Please use another card or pay another way."
	wordsWalletRelink   = "This wallet is no longer linked. Nothing was charged. Link it again to pay with it."
	wordsCardUnusable   = "This card can no longer be used. Nothing was charged. Please pay with a new card."
	wordsWalletRisk     = "The payment was declined by a security check. Nothing was charged. Please pay another way."
	wordsCardRisk       = "Your card was declined by a security check. Nothing was charged. Please use another card or pay another way."
	wordsWalletFraud    = "The payment was declined by a fraud check. If any money was taken, it is returned to your wallet."
	wordsCardFraud      = "Your card payment was declined by a fraud check. If any money was taken, it is returned to your card."
	wordsWalletLimit    = "This payment is over your wallet's spending limit. Nothing was charged. Please pay another way."
	wordsCardLimit      = "This payment is over your card's limit. Nothing was charged. Please use another card or pay another way."
	wordsMethodLimit    = "This payment is over what this payment method allows. Nothing was charged. Please pay another way."
	wordsWalletAccount  = "Your wallet account cannot pay right now. Nothing was charged. Please check it in the wallet app or pay another way."
	wordsCardAccount    = "Your card cannot be used right now. Nothing was charged. Please ask your bank, use another card or pay another way."
	wordsWalletCurrency = "Your wallet cannot pay in this currency. Nothing was charged. Please pay another way."
	wordsCardCurrency   = "Your card cannot pay in this currency. Nothing was charged. Please use another card or pay another way."
	wordsShopSetup      = "The shop cannot take this payment method right now. Nothing was charged. Please pay another way."
	wordsServiceFailed  = "The payment service could not process this payment. Nothing was charged. Please try again or pay another way."
	wordsClosed         = "This payment was closed before it completed. Nothing was charged. You can pay again."
	wordsCancelled      = "This payment was cancelled before it completed. Nothing was charged. You can pay again."
	wordsNeverArrived   = "The payment never reached the payment service. Nothing was charged. You can pay again."
	wordsAuthEnded      = "The hold on your card ended before the shop took the money. You were not charged."
	wordsWalletAuthEnd  = "The payment's approval ended before the shop took the money. You were not charged."
	wordsNoPaymentPage  = "The card payment page could not be opened. Nothing was charged. Please try again."
	wordsUnknown        = "We don't know yet whether this payment went through. We keep asking; please don't pay again until this page shows the result."
	wordsWalletDeclined = "The payment was declined. Nothing was charged. Please try again or pay another way."
	wordsCardDeclined   = "Your card was declined. Nothing was charged. Please use another card or pay another way."
)

// declineWords are what a buyer reads for one result code, per payment
// method. unknown marks the codes that are not an outcome (U: the payment
// may still complete), whose words never say nothing was charged.
type declineWords struct {
	wallet, card string
	unknown      bool
}

func both(words string) declineWords { return declineWords{wallet: words, card: words} }

// declineTable maps every result code a payment, capture, refund or token
// call can fail or stay unknown with (API.md §4.2, §5.2, §5.4, §5.6, §7)
// to the buyer's words per payment method. A card decline never speaks of
// a wallet, nor a wallet's of a card. Codes not listed read as
// declineDefault.
var declineTable = map[string]declineWords{
	// The buyer's money, limits and account (§5.2, §5.4).
	"USER_BALANCE_NOT_ENOUGH":     {wallet: wordsWalletBalance, card: wordsCardFunds},
	"USER_AMOUNT_EXCEED_LIMIT":    {wallet: wordsWalletLimit, card: wordsCardLimit},
	"PAYMENT_AMOUNT_EXCEED_LIMIT": both(wordsMethodLimit),
	"PAYMENT_COUNT_EXCEED_LIMIT":  both(wordsMethodLimit),
	"USER_NOT_EXIST":              {wallet: wordsWalletAccount, card: wordsCardAccount},
	"USER_STATUS_ABNORMAL":        {wallet: wordsWalletAccount, card: wordsCardAccount},
	"RISK_REJECT":                 {wallet: wordsWalletRisk, card: wordsCardRisk},
	"FRAUD_REJECT":                {wallet: wordsWalletFraud, card: wordsCardFraud},
	"CURRENCY_NOT_SUPPORT":        {wallet: wordsWalletCurrency, card: wordsCardCurrency},

	// The wallet's token (§4.2, §5.2): link again; a kept card's token
	// cannot pay any more.
	"INVALID_ACCESS_TOKEN":  {wallet: wordsWalletRelink, card: wordsCardUnusable},
	"ACCESS_TOKEN_EXPIRED":  {wallet: wordsWalletRelink, card: wordsCardUnusable},
	"INVALID_REFRESH_TOKEN": {wallet: wordsWalletRelink, card: wordsCardUnusable},
	"INVALID_AUTHCODE":      {wallet: wordsWalletRelink, card: wordsCardUnusable},
	"OAUTH_FAILED":          {wallet: wordsWalletRelink, card: wordsCardUnusable},

	// The payment itself ended (§5.2, §5.6).
	"ORDER_IS_CLOSED":   both(wordsClosed),
	"ORDER_IS_CANCELED": both(wordsCancelled),
	"ORDER_NOT_EXIST":   both(wordsNeverArrived),

	// A card authorization that can no longer be captured (§5.4).
	"AUTH_CANCELLED": {wallet: wordsWalletAuthEnd, card: wordsAuthEnded},
	"AUTH_EXPIRED":   {wallet: wordsWalletAuthEnd, card: wordsAuthEnded},
	"AUTH_NOT_FOUND": {wallet: wordsWalletAuthEnd, card: wordsAuthEnded},

	// The shop's contract and set-up (§4.2, §5.2, §7).
	"NO_PAY_OPTIONS":              both(wordsShopSetup),
	"INVALID_CONTRACT":            both(wordsShopSetup),
	"INVALID_MERCHANT_STATUS":     both(wordsShopSetup),
	"MERCHANT_NOT_REGISTERED":     both(wordsShopSetup),
	"ACCESS_DENIED":               both(wordsShopSetup),
	"CLIENT_INVALID":              both(wordsShopSetup),
	"UNKNOWN_CLIENT":              both(wordsShopSetup),
	"INVALID_CLIENT_STATUS":       both(wordsShopSetup),
	"CLIENT_FORBIDDEN_ACCESS_API": both(wordsShopSetup),
	"INVALID_API":                 both(wordsShopSetup),
	"API_INVALID":                 both(wordsShopSetup),
	"NO_INTERFACE_DEF":            both(wordsShopSetup),
	"INVALID_SIGNATURE":           both(wordsShopSetup),
	"KEY_NOT_FOUND":               both(wordsShopSetup),
	"MEDIA_TYPE_NOT_ACCEPTABLE":   both(wordsShopSetup),
	"METHOD_NOT_SUPPORTED":        both(wordsShopSetup),

	// The service could not process the request as sent (§4.2, §5.2, §5.4,
	// §5.6, §7); the refund-only codes (§5.6) never end a payment, and
	// read the same should one ever come back.
	"PARAM_ILLEGAL":                    both(wordsServiceFailed),
	"PROCESS_FAIL":                     both(wordsServiceFailed),
	"SYSTEM_ERROR":                     both(wordsServiceFailed),
	"REPEAT_REQ_INCONSISTENT":          both(wordsServiceFailed),
	"ORDER_STATUS_INVALID":             both(wordsServiceFailed),
	"CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT": both(wordsServiceFailed),
	"MULTI_CAPTURE_NOT_SUPPORTED":      both(wordsServiceFailed),
	"REFUND_AMOUNT_EXCEED":             both(wordsServiceFailed),
	"REFUND_WINDOW_EXCEED":             both(wordsServiceFailed),
	"MULTIPLE_REFUNDS_NOT_SUPPORTED":   both(wordsServiceFailed),
	"MERCHANT_BALANCE_NOT_ENOUGH":      both(wordsServiceFailed),

	// Not an outcome (U): the payment may still complete.
	"PAYMENT_IN_PROCESS":           {wallet: wordsUnknown, card: wordsUnknown, unknown: true},
	"CAPTURE_IN_PROCESS":           {wallet: wordsUnknown, card: wordsUnknown, unknown: true},
	"AUTH_IN_PROCESS":              {wallet: wordsUnknown, card: wordsUnknown, unknown: true},
	"REFUND_IN_PROCESS":            {wallet: wordsUnknown, card: wordsUnknown, unknown: true},
	"UNKNOWN_EXCEPTION":            {wallet: wordsUnknown, card: wordsUnknown, unknown: true},
	"REQUEST_TRAFFIC_EXCEED_LIMIT": {wallet: wordsUnknown, card: wordsUnknown, unknown: true},

	// Ours: Antom answered a card pay "in process" without any page.
	"NO_PAYMENT_PAGE": {wallet: wordsServiceFailed, card: wordsNoPaymentPage},
}

// declineDefault is what a code missing from the table reads as.
var declineDefault = declineWords{wallet: wordsWalletDeclined, card: wordsCardDeclined}

// DeclineWords says in the buyer's words why a payment with result code
// did not go through, for its payment method (db.MethodWallet or
// db.MethodCard; anything else reads as a wallet's).
func DeclineWords(code, method string) string {
	w, ok := declineTable[code]
	if !ok {
		w = declineDefault
	}
	if method == db.MethodCard {
		return w.card
	}
	return w.wallet
}
