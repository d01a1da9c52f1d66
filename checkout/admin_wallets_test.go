package checkout

import (
	"fmt"
	"strings"
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

	// Each wallet's timeline says whose the unlink was.
	e.askedBy(walletSubject(first), unlinkAskedBy, EventBuyer, "")
	e.askedBy(walletSubject(second), unlinkAskedBy, EventStaff, "kim@shop.example")
}

// A kept card's timeline says who removed it: a buyer line when the
// buyer did, a staff line naming them when staff did.
func TestCardRemovalIsItsAskersLine(t *testing.T) {
	e := newEnv(t, Options{})
	b, mine, _ := e.keptCard("own@example.com")
	check(t, e.svc.RemoveCard(e.ctx, b.ID, mine.ID, "buyer own@example.com"))
	e.askedBy(fmt.Sprintf("card:%d", mine.ID), "removed by", EventBuyer, "")
	_, theirs, _ := e.keptCard("theirs@example.com")
	check(t, e.svc.RemoveCard(e.ctx, 0, theirs.ID, "staff kim@shop.example"))
	e.askedBy(fmt.Sprintf("card:%d", theirs.ID), "removed by", EventStaff, "kim@shop.example")
}

// askedBy fails the test unless subject's timeline has exactly one line
// starting with prefix, of kind by actor.
func (e *env) askedBy(subject, prefix, kind, actor string) {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, subject)
	check(e.t, err)
	var found []db.Event
	for _, ev := range events {
		if strings.HasPrefix(ev.Detail, prefix) {
			found = append(found, ev)
		}
	}
	if len(found) != 1 || found[0].Kind != kind || found[0].Actor != actor {
		e.t.Fatalf("%s: %q lines %+v, want one %s line by %q", subject, prefix, found, kind, actor)
	}
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
