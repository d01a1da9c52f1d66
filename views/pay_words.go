package views

import (
	"context"
	"strings"
)

// payWords are a one-click button's words around its method, in ctx's
// language: Before it ("Pay with ", "使用 ") and After it (" 결제" in
// Korean, " 支付" in Chinese). The button keeps After on the line of the
// method's last word (app.css, .pay-after): a method wider than the
// button wraps inside, and "결제" would otherwise go alone to a line of
// its own under it. Before keeps the method's name on its line whenever
// the two fit there (payWith): a method that does not fit on the line
// after them whole would otherwise leave "使用" or "Bayar dengan" alone on
// a line above it.
type payWords struct{ Before, After string }

// sayPayWith cuts checkout.pay_with around its method.
func sayPayWith(ctx context.Context) payWords {
	var w payWords
	at := &w.Before
	for _, p := range markParts(ctx, "checkout.pay_with", "Method", nil) {
		if p.Link == 1 {
			at = &w.After
			continue
		}
		*at += p.Words
	}
	return w
}

// cardParts cuts a kept card's label ("Mastercard •••• 4444", "Visa ••••
// 4242 · Expires 11/33") into its brand and the rest, as a wallet's name
// and account are given to payWith: the words before the method stay
// with the brand, and the rest may go to the next line whole.
func cardParts(label string) (name, rest string) {
	name, rest, ok := strings.Cut(label, " •••• ")
	if !ok {
		return label, ""
	}
	return name, "•••• " + rest
}
