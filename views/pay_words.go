package views

import "context"

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
