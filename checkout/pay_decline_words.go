package checkout

import (
	"time"

	"antom-checkout/db"
)

// Buyer words for a payment that did not go through, one message per
// reason and payment method: the IDs of package lang's catalogs, whose
// catalog/en.toml holds the English words (and every other catalog the
// same message in its language). They are the only buyer-visible words of
// this package: the result and checkout pages say them in the buyer's
// language.
const (
	wordsWalletBalance     = "decline.wallet_balance"
	wordsCardFunds         = "decline.card_funds"
	wordsWalletRelink      = "decline.wallet_relink"
	wordsCardUnusable      = "decline.card_unusable"
	wordsWalletRisk        = "decline.wallet_risk"
	wordsCardRisk          = "decline.card_risk"
	wordsWalletFraud       = "decline.wallet_fraud"
	wordsCardFraud         = "decline.card_fraud"
	wordsWalletLimit       = "decline.wallet_limit"
	wordsCardLimit         = "decline.card_limit"
	wordsMethodLimit       = "decline.method_limit"
	wordsWalletAccount     = "decline.wallet_account"
	wordsCardAccount       = "decline.card_account"
	wordsWalletCurrency    = "decline.wallet_currency"
	wordsCardCurrency      = "decline.card_currency"
	wordsShopSetup         = "decline.shop_setup"
	wordsServiceFailed     = "decline.service_failed"
	wordsClosed            = "decline.closed"
	wordsCancelled         = "decline.cancelled"
	wordsNeverArrived      = "decline.never_arrived"
	wordsNeverArrivedEnded = "decline.never_arrived_ended"
	wordsAuthEnded         = "decline.auth_ended"
	wordsWalletAuthEnd     = "decline.wallet_auth_ended"
	wordsNoPaymentPage     = "decline.no_payment_page"
	wordsUnknown           = "decline.unknown"
	wordsWalletDeclined    = "decline.wallet_declined"
	wordsCardDeclined      = "decline.card_declined"
)

// declineWords are what a buyer reads for one result code Antom gave,
// per payment method. unknown marks the codes that are not an outcome (U:
// the payment may still complete), whose words never say nothing was
// charged. A payment we closed ourselves reads as none of them
// (ClosedByUsWords): its words follow how it ended, not its code.
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
	// Antom's own F: it made no payment (our close of a payment Antom
	// showed no record of is ResultUnconfirmed, ClosedByUsWords).
	"ORDER_NOT_EXIST": both(wordsServiceFailed),

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

// DeclineWords names the buyer's words (a message ID of package lang)
// for why a payment with result code did not go through, for its payment
// method (db.MethodWallet or db.MethodCard; anything else reads as a
// wallet's).
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

// ClosedByUsWords names the buyer's words (a message ID of package lang)
// for a payment we closed ourselves (ResultUnconfirmed: Antom had no
// record of it past its expiry, and never said it failed), whatever its
// code: nothing was charged only as far as Antom told us; while it is
// still watched (watched: within lateWatch of its start, as
// watchClosedLeased asks) what happens if it turns up, and once that
// day is over, that none did.
func ClosedByUsWords(watched bool) string {
	if watched {
		return wordsNeverArrived
	}
	return wordsNeverArrivedEnded
}

// EndingWords names the buyer's words for why an attempt that did not go
// through ended as it did: by its state (ResultUnconfirmed: closed by us,
// ClosedByUsWords; otherwise Antom's code, DeclineWords), so that words
// for a payment we closed ourselves are never read for one Antom
// refused, nor the other way round. created is when the attempt was made
// and now the time to judge whether it is still watched.
func EndingWords(state, code, method string, created, now time.Time) string {
	if state == ResultUnconfirmed {
		return ClosedByUsWords(!now.After(created.Add(lateWatch)))
	}
	return DeclineWords(code, method)
}
