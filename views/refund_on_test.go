package views

import (
	"strings"
	"testing"

	"antom-checkout/lang"
)

// A refund in the result page's list reads as a phrase in every
// language: its time and its amount are joined by words ("$5.00 on …",
// "…에 US$5.00 환불"), never set side by side with only a space between
// them ("2026년 12월 5일 오후 10:00 UTC US$5.00"), which reads as one
// run of figures.
func TestRefundOnJoinsTimeAndAmountWithWords(t *testing.T) {
	for _, l := range lang.Languages {
		parts := refundOnParts(lang.WithLocalizer(t.Context(), lang.For(l)))
		var between []string
		seen := 0
		for _, p := range parts {
			switch {
			case p.Link != 0:
				seen++
			case seen == 1:
				between = append(between, p.Words)
			}
		}
		if seen != 2 {
			t.Errorf("%s: result.refund_on names %d of the time and the amount", l.Code, seen)
			continue
		}
		if strings.TrimSpace(strings.Join(between, "")) == "" {
			t.Errorf("%s: result.refund_on sets the time and the amount side by side: %+v", l.Code, parts)
		}
	}
}
