package checkout

import (
	"errors"
	"testing"

	"antom-checkout/antom"
)

// One-click pay naming a wallet or kept card that is not the payer's —
// another buyer's, one that does not exist, a kept card named by a guest
// — is ErrNotSaved (not "no longer usable"): no attempt is stored and
// nothing is sent to Antom.
func TestPayWithAWalletOrCardNotTheBuyersIsNotSaved(t *testing.T) {
	e := newEnv(t, Options{})
	owner, wallet, _ := payer(t, e, "owner@example.com")
	_, card, _ := e.keptCard("card-owner@example.com")
	other := e.buyer("other@example.com")
	o := e.order(other, "coffee", 1)
	guest := Viewer{GuestKey: "k-guest"}
	g, err := e.svc.CreateOrder(e.ctx, guest, "coffee", "1")
	check(t, err)
	pays := e.sb.Calls("payments/pay")

	for _, w := range []int64{wallet, 999999, 0} {
		if err := e.svc.PayOrderWithWallet(e.ctx, other.ID, o.Ref, "", w, antom.Env{}); !errors.Is(err, ErrNotSaved) {
			t.Errorf("wallet %d of someone else: %v, want ErrNotSaved", w, err)
		}
	}
	for _, tc := range []struct {
		v   Viewer
		ref string
		id  int64
	}{{Viewer{BuyerID: other.ID}, o.Ref, card.ID}, {Viewer{BuyerID: other.ID}, o.Ref, 999999}, {guest, g.Ref, card.ID}} {
		if _, err := e.svc.PayByCard(e.ctx, tc.v, tc.ref, "", false, tc.id, nil, antom.Env{}); !errors.Is(err, ErrNotSaved) {
			t.Errorf("card %d of someone else, for %+v: %v, want ErrNotSaved", tc.id, tc.v, err)
		}
	}
	e.svc.Wait()
	assertEqual(t, len(e.attempts(o.Ref))+len(e.attempts(g.Ref)), 0, "attempts stored")
	assertEqual(t, e.sb.Calls("payments/pay")-pays, 0, "pays sent to Antom")

	// The owner's own wallet pays: the refusals were about whose it is.
	mine := e.order(owner, "coffee", 1)
	check(t, e.svc.PayOrderWithWallet(e.ctx, owner.ID, mine.Ref, "", wallet, antom.Env{}))
	assertEqual(t, e.sb.Calls("payments/pay")-pays, 1, "pays sent for the owner")
}
