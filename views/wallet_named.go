package views

import (
	"context"

	"antom-checkout/lang"
)

// WalletNamed is a wallet as a buyer page's sentence names it: its name
// ("Kakao Pay") and its masked account ("010-****-5678"; "" for none).
// walletSay keeps each whole on its line, as a one-click button and the
// result page's Method do (app.css .pay-name, .pay-account).
type WalletNamed struct{ Name, Account string }

// NamedWords are a message naming a wallet: its ID and the wallet.
type NamedWords struct {
	ID     string
	Wallet WalletNamed
}

// Said is the text the wallet reads as: "Kakao Pay 010-****-5678".
func (w WalletNamed) Said() string {
	if w.Account == "" {
		return w.Name
	}
	return w.Name + " " + w.Account
}

// walletParts says message id with args, cut around its {{.Wallet}}
// (Link 1), the punctuation and Korean particle touching it glued on
// (glueLinks: Lead before the name, Trail after the account), so that a
// line never starts with the "." after "010-****-5678", nor with the
// "에서" written onto it.
func walletParts(ctx context.Context, id string, args lang.Args) []part {
	return glueLinks(markParts(ctx, id, "Wallet", args))
}
