package views

import (
	"context"

	"antom-checkout/lang"
)

// endedWords are, by the words of a refused wallet's notice
// (walletErrorWords), the same way forward after what became of the
// wallet ({{.Told}}: who ended its link, and when — WalletErrorEnded).
var endedWords = map[string]string{
	"checkout.wallet_unusable_named":           "checkout.wallet_ended_named",
	"notdone.wallet_unusable_last_named":       "notdone.wallet_ended_last_named",
	"notdone.wallet_unusable_last_named_below": "notdone.wallet_ended_last_named_below",
}

// walletEndedWords is the message ID of m's refused wallet's notice
// that says what became of it (WalletErrorEnded), "" when it says no
// more than that it is no longer linked.
func (m CheckoutPage) walletEndedWords() string {
	if m.WalletErrorEnded.Words == "" {
		return ""
	}
	return endedWords[m.walletErrorWords()]
}

// EndedWords says refusal id ({{.Told}} then its way forward: endedWords)
// with what became of wallet ended (its Words, naming it, on its date),
// as plain text.
func EndedWords(ctx context.Context, id string, ended ToldWallet) string {
	told := T(ctx, ended.Words, lang.Args{"Wallet": ended.Wallet.Said(), "When": Date(ctx, ended.At)})
	return T(ctx, id, lang.Args{"Told": told})
}

// endedParts are EndedWords cut around the wallet it names (Link 1,
// glued: cutName), for namedParts.
func endedParts(ctx context.Context, id string, ended ToldWallet) []part {
	told := T(ctx, ended.Words, lang.Args{"Wallet": nameMark, "When": Date(ctx, ended.At)})
	return cutName(T(ctx, id, lang.Args{"Told": told}))
}
