package views

import (
	"net/url"
	"time"

	"github.com/a-h/templ"
)

// Result states of an order, as the result page and its long-poll name
// them (the values of checkout's Result* states).
const (
	StatePaid              = "paid"
	StatePartiallyRefunded = "partially-refunded"
	StateRefunded          = "refunded"
	StatePartlySettled     = "partly-settled" // nothing refunded, part settled with the buyer another way
	StateSettled           = "settled"        // nothing refunded, all settled with the buyer another way
	StateFailed            = "failed"
	// StateUnconfirmed: we closed the payment because the payment service
	// had no record of it past its expiry; it never said the payment
	// failed, so nothing calls it failed (checkout's ResultUnconfirmed).
	StateUnconfirmed = "unconfirmed"
	StateProcessing  = "processing"
	StateCardPage    = "card-page"
	StateCancelling  = "cancelling"
	StateCancelled   = "cancelled"
	StateUnpaid      = "unpaid"
	StateAuthorized  = "authorized"
	StateVoided      = "voided"
	StateExpired     = "expired" // an authorization never captured before its expiry: nothing charged
)

// Result page notices: what the buyer's last action found, shown beside
// the card it was found on while that card still waits for the outcome
// (handlers' resultNotice): the card changing takes it away, and "still
// asking" turns to "still open" once Antom has answered. NoticeLeftTooLate
// is the one shown beside a settled card: "pay another way" pressed on a
// page left open after the card payment had ended.
const (
	NoticeTooSoon     = "too-soon"     // "check again" a moment after the last
	NoticeStillOpen   = "still-open"   // asked Antom: no outcome yet
	NoticeCancelOpen  = "cancel-open"  // asked again: the cancel is not confirmed yet
	NoticeStillAsking = "still-asking" // asked Antom: no answer yet, the call still runs
	// NoticeLeftTooLate: "pay another way" found no card payment open —
	// it had already gone through, been authorized, failed or ended —
	// so nothing was cancelled and nothing was sent to Antom.
	NoticeLeftTooLate = "left-too-late"
	// NoticeNotPaidAgain: a pay form sent from a page left open after
	// the order got a payment (one click, a card) found it paid or its
	// payment under way, so nothing was sent to Antom. Shown beside the
	// card as it is when the page its redirect names is shown (the
	// payment may have moved on since), whatever its state, in words
	// true of that state (notPaidAgainKey).
	NoticeNotPaidAgain = "not-paid-again"
)

// Product is one card of the storefront.
type Product struct {
	Slug        string
	Name        string
	Description string
	Icon        string
	Price       string // formatted for people, e.g. "$18.50"
}

// Storefront is the shop's front page: the catalogue, each with a buy form.
type Storefront struct {
	Page
	Products  []Product
	Error     string // why the last order could not be created
	ErrorSlug string // the product that order was for
	// Cards, if set, are the product cards as rendered before
	// (ProductCards of Products, no error); nil renders them.
	Cards templ.Component
	// Test is the sandbox's test payment form; nil with real Antom.
	Test *TestPaymentForm
	// OwnCatalogue: the shop sells the merchant's catalogue (CATALOG),
	// whose Tagline ("" for none) stands for the demo shop's words.
	OwnCatalogue bool
	Tagline      string
}

// TestPaymentForm orders a payment of an amount the buyer types, to try
// the sandbox's magic amounts.
type TestPaymentForm struct {
	Currencies []string
	Amount     string // as typed
	Currency   string
	Error      string
}

// OrderSummary is what checkout and result pages say about an order.
type OrderSummary struct {
	Ref         string
	Name        string
	Icon        string
	Quantity    int
	Description string // "2 × Ceremonial matcha"
	Total       string
	// A receipt whose charge is not simply Total (checkout.Charges: an
	// authorization captured in part, money given back since) says the
	// order's total as such and, after it, what was charged (Charged),
	// given back (Refunded, Settled another way; "" for none) and, last
	// and bold, the total charged — or, with money given back, what was
	// paid after it (NetCharged): never the order's total as if it were
	// the charge. NetCharged is "" for none of this.
	Charged, Refunded, Settled, NetCharged string
}

// PayWallet is one of the buyer's active wallets offered at checkout.
type PayWallet struct {
	ID      int64
	Name    string // "GCash"
	Account string // the wallet's masked login, "0917****123"; kept on one line
	Wallet  string // Antom's wallet code, for its badge
}

// PayCard is a kept card offered at checkout.
type PayCard struct {
	ID int64
	// Name is the card's brand as the page words it ("Visa", or the
	// page's word for a card of unknown brand), Account the rest: "••••
	// 4242", "•••• 4242 · Expires 11/33" when another kept card reads
	// the same. Its button words them as a wallet's name and account
	// (payWith).
	Name, Account string
	Brand         string // "Visa", for its badge
}

// CheckoutPage shows an order and the ways to pay it.
type CheckoutPage struct {
	Page
	Order OrderSummary
	// PayKey is every pay form's key (checkout.NewPayKey), new on each
	// showing: the same press sent again is known by it.
	PayKey   string
	SignedIn bool
	Wallets  []PayWallet
	Cards    []PayCard // kept cards, signed-in buyers
	Brands   []Brand
	Error    string // why the payment could not start
	// CardError: why a card payment could not start (a kept card no
	// longer usable, the card page refused), shown in the card box.
	CardError string
	// CardErrorEnded: the kept card CardError is about, when the page
	// can name it (a card removed since the page was shown, in another
	// tab or by staff): the notice (EndedMethod) names it as its button
	// did ("Visa •••• 4242"), says who removed it and when, then what is
	// left on the page (cardEnded). Zero for words naming none.
	CardErrorEnded EndedMethod
	// WalletError: why a wallet payment could not start (the wallet no
	// longer usable, named when known), shown in the wallets box, where
	// that box is (cardsFirst does not depend on it).
	WalletError string
	// WalletErrorNamed: WalletError's message ID and the wallet it names
	// ({{.Wallet}}), when it names one: the page renders it with the
	// wallet kept whole (walletSay). Zero for words naming none.
	WalletErrorNamed NamedWords
	// WalletErrorEnded: the wallet WalletErrorNamed names, when it ended
	// (its Told: wallets.cancelled, wallets.invalid,
	// wallets.unlinked_by_shop, wallets.unlinked_by_you, with when): the
	// notice (EndedMethod, as a removed card's) says that, as the page
	// says it after a reload, then what is left on the page
	// (walletEnded), never only "no longer linked". Zero when unknown, or
	// while its unlink is under way.
	WalletErrorEnded EndedMethod
	// Told: wallets not linked again that the empty wallets box tells by
	// name (ToldWallet), not "no wallets linked yet".
	Told []ToldWallet
	// ToldAbove: the wallets box's refusal (WalletErrorNamed) names the
	// only wallet the empty box would tell (Told, less that one): the
	// box says nothing under it, not the same words again, nor "no
	// wallet any more" under "Link it again, or pay by card on this page".
	ToldAbove bool
	// HadWallets: a wallet was linked before and is not any more: the
	// empty wallets box says "no wallet any more", never "yet".
	HadWallets bool
	// The previous attempt, when it failed, was not confirmed or was
	// cancelled: its state (StateFailed, StateUnconfirmed,
	// StateCancelled), why in the buyer's words, and whether the buyer
	// left its card page; LastCancelBy, who asked for its cancel and why
	// (a CancelBy* value, checkout.CancelAskedBy): a card page that
	// expired is said so, not that the buyer left it.
	LastState    string
	LastDecline  string
	LastByBuyer  bool
	LastCancelBy string
	// LastReturned: the previous attempt was paid and then cancelled at
	// our request; this money (formatted) went back to the buyer.
	LastReturned string
	Relink       bool // the previous attempt's wallet must be linked again
	// LastRelink (Relink): the wallet refused, named in the notice with
	// its masked account (walletSay), and its words (decline.wallet_relink_named;
	// lastRelinkWords); zero when the page cannot name it.
	LastRelink NamedWords
	// PickWallet: the wallet code the link picker starts on (the refused
	// wallet's, LastRelink or WalletErrorNamed); "" for the first.
	PickWallet string
	// Unpayable: the message that says why the order can no longer be
	// paid (checkout.Unpayable: checkout.not_for_sale,
	// checkout.attempts_used_up, or checkout.too_many_attempts for a
	// press just refused — or, while an earlier payment may still pay the
	// order (checkout.Result.EarlierMayPay), their …_earlier words),
	// shown in place of every way to pay; "" while it may be paid.
	Unpayable string
}

// cardsFirst: a signed-in buyer whose kept cards pay in one click and
// who has no wallet sees the card box first, linking a wallet second.
// The order depends only on what the buyer holds, never on a one-time
// notice: a wallet that could not pay (WalletError) has its notice in
// the wallets box wherever that box is, so a reload after the notice
// keeps every box where it was.
func (m CheckoutPage) cardsFirst() bool {
	return m.SignedIn && len(m.Wallets) == 0 && len(m.Cards) > 0
}

// ResultPage is an order's result page.
type ResultPage struct {
	Page
	Order  OrderSummary
	Result ResultCard
}

// ResultCard is the part of the result page that says where the payment
// stands; the page's long-poll renders it again when anything changes.
// Amounts are formatted; "" when they do not apply.
type ResultCard struct {
	Ref     string
	State   string // one of the State* constants
	Key     string // changes whenever anything shown changes, the notice too
	Waiting bool   // the state may change by itself: the page says it waits for news
	// Live: the page listens for news (order.js long-polls) — while
	// Waiting, and also while someone else may still change what it
	// shows (staff capture, void, refund; an authorization expires)
	// without a word about waiting.
	Live   bool
	Notice string // Notice*, while Waiting: true of this card only (it goes or changes with it)

	PaymentID string
	Method    string // "GCash 0917****123", "Visa •••• 4242", "Card"
	// The method's badge: a wallet's code, else a card's brand ("" for
	// none).
	MethodWallet, MethodCard string
	Wallet                   WalletNamed // "GCash 0917****123" while a wallet payment is confirmed, or refused (DeclineNamed)
	// DeclineNamed (failed, Relink): the words naming Wallet said
	// instead of Decline ("GCash 0917****123 is no longer linked. …").
	DeclineNamed string
	Card         bool   // a card payment
	Decline      string // failed: why, in the buyer's words
	Code         string // failed: Antom's result code
	Relink       bool   // failed: the wallet must be linked again
	// PayAgain (failed, not confirmed): Decline advises paying again
	// ("You can pay again.", "Please try again."), so the button to
	// checkout says "Pay again", not "Pay another way"
	// (checkout.DeclinePaysAgain).
	PayAgain    bool
	CardPageURL string // card-page: Antom's page to continue on, while valid
	// Unpayable: the message that says why the order can no longer be
	// paid (checkout.Unpayable), so no other way to pay is offered (each
	// would be refused): where the page would offer one it says what the
	// checkout page says instead, and an open card page is the way left
	// (result.detail_card_page_last). "" while it may be paid. An
	// earlier payment that may still pay the order (EarlierMayPay) has
	// words of its own (checkout.attempts_used_up_earlier, …).
	Unpayable string
	// EarlierMayPay (Unpayable): a payment of the order we closed is
	// still watched and would pay it (checkout.Result.EarlierMayPay): its
	// badge says so, not that the order can no longer be paid.
	EarlierMayPay bool
	// BuyerCancelled: the buyer left the card page, to pay another way or
	// until it expired (CancelBy tells which).
	BuyerCancelled bool
	// Returned: cancelled after it was paid; the money (this amount) went
	// back to the buyer.
	Returned string

	Charged       string
	ChargedAt     time.Time
	Authorized    string // MANUAL card payments
	AuthorizedAt  time.Time
	AuthExpiredAt time.Time // expired: when the authorization expired
	HoldEnded     bool      // authorized, its authorization's expiry passed: not closed until Antom (or staff) confirm nothing was taken
	Releasing     bool      // authorized: the shop's void is not confirmed yet
	Capturing     string    // authorized: a capture not confirmed yet ("" if none)
	Partial       bool      // less was charged than authorized
	Refunded      string
	Refunds       []RefundLine // each refund made, as the receipt lists them
	Refunding     string       // refunds Antom accepted, on their way ("" if none)
	RefundsOnWay  int          // how many refunds make it up: "a refund of" (1) or "2 refunds, … in all"
	// WholeRefundHead (paid): the headline's message while refunds give
	// back all that was charged — on their way, being confirmed, still
	// owed by ones that failed, or some of each — rather than "Thank you
	// for your order" ("" for any other order: checkout.Result.WholeRefundHead's
	// table); its body then says what was received, not that it is paid.
	WholeRefundHead string
	// RefundConfirming: refunds Antom has not confirmed yet ("" if none).
	RefundConfirming  string
	RefundsConfirming int    // how many refunds make it up, as RefundsOnWay
	RefundFailed      string // what failed refunds the buyer was told of still owe ("" if none)
	RefundFailures    int    // how many failed refunds owe it: "a refund" (1) or "refunds" could not be made
	RefundHandled     string // failed refunds the shop settled with the buyer another way ("" if none)
	RefundsHandled    int    // how many failed refunds make it up: "a refund of" (1) or "refunds of … in all"
	RestSettled       bool   // refunded: Refunded is part of Charged, the shop settled the rest another way
	Contact           string // how buyers reach the shop (Page.Contact); "" for none
	// PageShown: the buyer was sent to Antom's card page for this payment
	// (not a kept card paid in one click, nor a wallet): only then may a
	// button say "I have paid".
	PageShown bool
	// CardOpening (processing): the buyer chose a new card and Antom's
	// card page is still being prepared (no page shown, nothing taken);
	// the page sends them there once it is ready.
	CardOpening bool
	// CardNotOpened (processing): a new card's pay got no answer, so no
	// card page was shown and nothing was taken (checkout's CardNotOpened).
	CardNotOpened bool
	// CancelHeld (processing): Antom's answers about the payment disagree
	// (a paymentId conflict), so the cancel the app had stored is held and
	// the shop's staff check it by hand (checkout's Result.CancelHeld).
	CancelHeld bool
	// PageRefused: Antom's card page address was not on the gateway's
	// host; the buyer was not sent there and the payment is cancelled.
	PageRefused bool
	// DecidedBy (processing): when the outcome is known at the latest in
	// the usual course, as the page words a time ("" for none).
	DecidedBy string
	// CancelInDoubt: a cancel of ours Antom has not answered may still
	// change the outcome: the page waits. Paid or authorized, the buyer
	// chose to pay another way as it succeeded: the page says the cancel
	// is being checked and offers no receipt.
	CancelInDoubt bool
	// CancelBy: who asked for the payment's cancel, and why (a CancelBy*
	// value, checkout.CancelAskedBy; "" for none): the buyer's "pay
	// another way", or ours with its reason. The cancel-in-doubt note,
	// the cancelling and the cancelled card payment's words say it.
	CancelBy string
	// LeftButPaid: the buyer chose to pay another way, but this card
	// payment had gone through first; it stands.
	LeftButPaid bool
	// CancelledAtAntom (voided): Antom reported the authorization
	// cancelled (a capture refused AUTH_CANCELLED or ORDER_IS_CANCELED),
	// not a void the shop sent: the page says so, not that the shop
	// cancelled the order.
	CancelledAtAntom bool
	// GivenBack: payments the order did not need (an earlier one went
	// through after all once the order was paid) and where giving each
	// back stands.
	GivenBack []GivenBackLine
}

// RefundLine is one refund made: its amount and when (zero if unknown).
type RefundLine struct {
	Amount string
	At     time.Time
}

// productIcons are the icons static/img/products holds.
var productIcons = map[string]bool{
	"coffee": true, "mug": true, "notebook": true, "matcha": true,
	"cloth": true, "teapot": true, "coldbrew": true,
}

// iconURL is the image of a product icon, or a plain parcel.
func iconURL(icon string) string {
	if !productIcons[icon] {
		icon = "parcel"
	}
	return "/static/img/products/" + icon + ".svg"
}

func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// checkoutURL is an order's checkout page.
func checkoutURL(ref string) string { return "/checkout/" + url.PathEscape(ref) }

// resultURL is an order's result page.
func resultURL(ref string) string { return "/orders/" + url.PathEscape(ref) }

// hiddenUnless tells whether an element shown only in the given states
// is hidden in state.
func hiddenUnless(state string, states ...string) bool {
	for _, s := range states {
		if s == state {
			return false
		}
	}
	return true
}
