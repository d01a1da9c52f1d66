package views

import (
	"context"

	"antom-checkout/lang"
)

// refundOnParts is result.refund_on ("{{.Amount}} on {{.When}}") cut
// where its time (Link 1) and its amount (Link 2) go, in ctx's language:
// the template puts each in its element, the amount in one that lines
// never break inside (app.css .refunds .amount). Cut once per language
// (sentenceParts); the slice is shared, not to be changed.
func refundOnParts(ctx context.Context) []part {
	return sentences.Get(sentenceKey{lang.From(ctx).Lang().Code, "result.refund_on (amount)"}, func() []part {
		return cutSentence(T(ctx, "result.refund_on", lang.Args{"When": linkMarks[0], "Amount": linkMarks[1]}))
	})
}
