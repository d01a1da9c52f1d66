package views

import (
	"context"
	"maps"
	"strings"

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

// trailAfter is the Trail glued after wallet w (glueLinks) as said
// after it: a Korean particle written in both forms, "은(는)", takes
// the one form w's reading asks for ("GCash 0917****123은").
func trailAfter(ctx context.Context, w WalletNamed, trail string) string {
	return lang.From(ctx).ParticlesAfter(w.Said(), trail)
}

// walletParts says message id with args, cut around its {{.Wallet}}
// (Link 1), the punctuation and Korean particle touching it glued on
// (glueLinks: Lead before the name, Trail after the account), so that a
// line never starts with the "." after "010-****-5678", nor with the
// "에서" written onto it.
func walletParts(ctx context.Context, id string, args lang.Args) []part {
	return glueLinks(markParts(ctx, id, "Wallet", args))
}

// nameMark stands for the wallet a live message names while it is said
// (liveWalletParts): the live sentence's marks are linkMarks.
const nameMark = "\x00name\x00"

// namedLive is a live message (LiveWords) naming a wallet: each of its
// pieces cut around the wallet, with the punctuation and Korean particle
// touching it glued on (glueLinks), as walletParts cuts a message.
type namedLive struct{ Before, Live, After []part }

// liveWalletParts says live message id with args (SayLive), cut around
// the wallet it names where it says {{.field}} ("Method").
func liveWalletParts(ctx context.Context, id, field string, args lang.Args) namedLive {
	with := make(lang.Args, len(args)+1)
	maps.Copy(with, args)
	with[field] = nameMark
	w := SayLive(ctx, id, with)
	return namedLive{cutName(w.Before), cutName(w.Live), cutName(w.After)}
}

// cutName cuts s where nameMark stands (Link 1), glued (glueLinks).
func cutName(s string) []part {
	var out []part
	for {
		before, after, found := strings.Cut(s, nameMark)
		if before != "" {
			out = append(out, part{Words: before})
		}
		if !found {
			return glueLinks(out)
		}
		out = append(out, part{Link: 1})
		s = after
	}
}

// lastFailedParts says checkout.last_failed ("Your last payment did not
// go through. {{.Why}}") with message why naming a wallet as its Why, cut
// around the wallet (Link 1, glued: cutName).
func lastFailedParts(ctx context.Context, why string) []part {
	named := T(ctx, why, lang.Args{"Wallet": nameMark})
	return cutName(T(ctx, "checkout.last_failed", lang.Args{"Why": named}))
}
