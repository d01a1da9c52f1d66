package handlers

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// The checkout page of an order that can no longer be paid (here: its
// product no longer for sale) says what became of its last payment, as
// its result page does, then why no other may start — in every language,
// and without the advice to pay again: a card page the buyer left, "…
// You were not charged." without "Choose how to pay."; a payment Antom
// closed (ORDER_IS_CLOSED), "… Nothing was charged." without "You can pay
// again." (unpayable.Words). It said only the latter.
func TestCheckoutOfAnUnpayableOrderSaysItsLastPayment(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	left, closed := b.buy("teapot", "1"), b.buy("teapot", "1")
	ta.settle(t, left, ta.cardAttempt(t, left, antom.CaptureAutomatic, 14*time.Minute), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	ta.lastAttemptFailed(t, closed, 1, db.MethodWallet, 0, "ORDER_IS_CLOSED")
	sellCatalogFile(t, ta)
	for _, l := range lang.Languages {
		say := lang.For(l)
		for ref, last := range map[string]string{
			left:   say.T("checkout.last_left_unpayable"),
			closed: say.T("checkout.last_failed", lang.Args{"Why": say.T("decline.closed_unpayable")}),
		} {
			p, _ := b.getIn("/checkout/"+ref, l.Code)
			d := html(t, p.body)
			assertEqual(t, textOf(t, d, "last-attempt"), last, l.Code+": "+ref+"'s last payment")
			assertEqual(t, textOf(t, d, "attempts-used-up-words"), say.T("checkout.not_for_sale"), l.Code+": "+ref+" can no longer be paid")
			if !testid(d, "last-attempt").Parent().Is(`[data-testid="attempts-used-up"]`) {
				t.Errorf("%s: %s's last payment is not said where the ways to pay were", l.Code, ref)
			}
		}
	}
}
