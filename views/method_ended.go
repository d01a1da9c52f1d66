package views

import (
	"context"
	"time"

	"antom-checkout/lang"
)

// EndedMethod is a kept card or a linked wallet a pay was refused with,
// ended since the page that offered it was shown — removed from the kept
// cards or unlinked, by the buyer (in another tab) or by the shop,
// cancelled in the wallet app, no longer valid: one notice for both,
// never only "this card" or "no longer linked" (the buyer pressed a
// button left on a page from before and may not know which one went).
// It names the method as its button read (Method: "Visa" "•••• 4242",
// "GCash" "0917****123", each kept whole on a line), says what became of
// it (Told) on its date (At, written in the shop's zone: Date), then
// what is left on the page (the page's: CheckoutPage.cardEnded,
// walletEnded).
type EndedMethod struct {
	Method WalletNamed
	// At is when it ended; zero when not known (Told then names no date).
	At time.Time
	// Told says what became of it, naming it: a card's
	// checkout.card_removed_by_you, checkout.card_removed_by_shop, or
	// checkout.card_no_longer_kept when who or when is not known
	// ({{.Card}}); a wallet's as the wallets box tells it —
	// wallets.unlinked_by_you, wallets.unlinked_by_shop,
	// wallets.cancelled, wallets.invalid ({{.Wallet}}). "" for none: the
	// page then says the words naming it that it has (CardError,
	// WalletErrorNamed).
	Told string
	// Again: the same card was kept again since, or the same wallet
	// account linked again, and is offered under the notice (a new kept
	// card or link reading as its button did): Told is then one of the
	// …_again words ("You unlinked {{.Wallet}} on {{.When}} and have
	// linked it again since.") and the notice says to pay with it below
	// (checkout.ended_again), never "pick another" or "link it again"
	// above its own button.
	Again bool
}

// endedNotice is ended method e's notice as the page says it: words
// ({{.Told}}, then what is left on the page) and e with them.
type endedNotice struct {
	EndedMethod
	Words string
}

// cardEnded is the notice of m's refused kept card (CardErrorEnded):
// pick another card while other kept cards are offered
// (checkout.card_ended_others), else pay with a new card or another way
// (checkout.card_ended_last); pay with it below when the same card was
// kept again since (Again). No words when there is none.
func (m CheckoutPage) cardEnded() endedNotice {
	e := endedNotice{EndedMethod: m.CardErrorEnded}
	switch {
	case e.Told == "":
	case e.Again:
		e.Words = "checkout.ended_again"
	case len(m.Cards) > 0:
		e.Words = "checkout.card_ended_others"
	default:
		e.Words = "checkout.card_ended_last"
	}
	return e
}

// walletEnded is the notice of m's refused wallet (WalletErrorEnded):
// the way forward of the words it stands for (walletErrorWords:
// another wallet, link it again, pay by card — endedWords), or pay with
// it below when its account was linked again since (Again). No words
// when there is none.
func (m CheckoutPage) walletEnded() endedNotice {
	e := endedNotice{EndedMethod: m.WalletErrorEnded}
	switch {
	case e.Told == "":
	case e.Again:
		e.Words = "checkout.ended_again"
	default:
		e.Words = endedWords[m.walletErrorWords()]
	}
	return e
}

// endedWords are, by the words of a refused wallet's notice
// (walletErrorWords), the same way forward after what became of the
// wallet ({{.Told}}), saying what is left on the page as a card's
// notice does.
var endedWords = map[string]string{
	"checkout.wallet_unusable_named":           "checkout.wallet_ended_named",
	"notdone.wallet_unusable_last_named":       "notdone.wallet_ended_last_named",
	"notdone.wallet_unusable_last_named_below": "notdone.wallet_ended_last_named_below",
}

// parts are e's words cut around the method it names (Link 1, glued:
// cutName), for namedParts: its name and its account each kept whole
// on a line.
func (e endedNotice) parts(ctx context.Context) []part {
	return cutName(T(ctx, e.Words, lang.Args{"Told": e.told(ctx, nameMark)}))
}

// told says what became of e's method, naming it as name: a card's
// words name it {{.Card}}, a wallet's {{.Wallet}} (the wallets box's
// words), on its date when known.
func (e endedNotice) told(ctx context.Context, name string) string {
	args := lang.Args{"Card": name, "Wallet": name}
	if !e.At.IsZero() {
		args["When"] = Date(ctx, e.At)
	}
	return T(ctx, e.Told, args)
}
