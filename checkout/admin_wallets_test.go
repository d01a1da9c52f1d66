package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// Staff see who unlinked a wallet, whether Antom confirmed the revoke at
// once or only after the reconciler retried it.
func TestBuyerAccountSaysWhoEndedAWallet(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("ana@example.com")
	link := func() int64 {
		l := e.startLink(b, "GCASH")
		check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
		e.waitLink(b, l.ID, db.LinkLinked)
		ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
		check(t, err)
		return ws[len(ws)-1].ID
	}
	reasons := func() map[int64]string {
		acct, err := e.svc.FindBuyerAccount(e.ctx, "ana@example.com")
		check(t, err)
		out := map[int64]string{}
		for _, w := range acct.Wallets {
			out[w.ID] = w.EndReason
		}
		return out
	}

	first := link()
	check(t, e.svc.Unlink(e.ctx, b.ID, first, "buyer ana@example.com"))
	assertEqual(t, reasons()[first], "unlinked by the buyer", "buyer unlink")

	second := link()
	e.sb.Faults().SetAPI("authorizations/revoke", sandbox.APIFault{UnknownNext: 1})
	check(t, e.svc.Unlink(e.ctx, 0, second, "staff kim@shop.example"))
	assertEqual(t, reasons()[second], "unlinked by kim@shop.example", "staff unlink, revoke unconfirmed")
	e.later(time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, reasons()[second], "unlinked by kim@shop.example", "staff unlink, revoked by the reconciler")
	assertEqual(t, reasons()[first], "unlinked by the buyer", "the buyer's unlink still")
}

// Staff read who or what removed a kept card; a card removed before that
// was recorded reads as just removed (its status).
func TestCardEndReason(t *testing.T) {
	for _, tt := range []struct {
		card db.Card
		want string
	}{
		{db.Card{Status: db.CardActive}, ""},
		{db.Card{Status: db.CardRemoved, RemovedBy: "buyer b@example.com"}, "removed by the buyer"},
		{db.Card{Status: db.CardRemoved, RemovedBy: "staff s@example.com"}, "removed by s@example.com"},
		{db.Card{Status: db.CardRemoved, ReplacedBy: 7}, "replaced by the same card kept again"},
		{db.Card{Status: db.CardRemoved}, ""},
	} {
		assertEqual(t, cardEndReason(tt.card), tt.want, tt.card.Status+"/"+tt.card.RemovedBy)
	}
}
