package handlers

import (
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// Refunds on their way, or not confirmed yet, read as "a refund of" a
// sum only when one makes it up: staff refunding $2 and then $3 send two
// refunds, and the buyer sees $2 and $3 arrive, never a refund of $5.
// Several read as how many, "… in all", in every language.
func TestBuyerReadsHowManyRefundsAreUnderWay(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("underway@example.com")
	ref := b.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "underway@example.com"), "0917****uwy"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)

	ta.refund(t, ref, attempt, 200, db.RefundProcessing)
	ta.refund(t, ref, attempt, 100, refundUnconfirmed)
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-on-its-way"), "A refund of $2.00 is on its way to you.", "one on its way")
	assertEqual(t, textOf(t, d, "refund-being-confirmed"), "A refund of $1.00 is being confirmed.", "one not confirmed")

	ta.refund(t, ref, attempt, 300, db.RefundProcessing)
	ta.refund(t, ref, attempt, 150, refundUnconfirmed)
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-on-its-way"), "2 refunds, $5.00 in all, are on their way to you.", "two on their way")
	assertEqual(t, textOf(t, d, "refund-being-confirmed"), "2 refunds, $2.50 in all, are being confirmed.", "two not confirmed")
	assertEqual(t, textOf(t, d, "refunding-amount"), "$5.00", "being refunded, in the facts")

	b.post("/lang", url.Values{"lang": {"id"}, "next": {"/orders/" + ref}})
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-on-its-way"),
		"2 pengembalian dana, dengan total US$5,00, sedang dalam perjalanan kepada Anda.", "two on their way, in Indonesian")
	assertEqual(t, textOf(t, d, "refund-being-confirmed"),
		"2 pengembalian dana, dengan total US$2,50, sedang dikonfirmasi.", "two not confirmed, in Indonesian")

	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
		loc := lang.For(l)
		d := html(t, b.get("/orders/"+ref).body)
		for _, m := range []struct{ id, testid, sum string }{
			{"result.refund_on_its_way", "refund-on-its-way", loc.Money("USD", 500, 2)},
			{"result.refund_being_confirmed", "refund-being-confirmed", loc.Money("USD", 250, 2)},
		} {
			want := loc.T(m.id+"_several", lang.Args{"Amount": m.sum, "Count": 2})
			assertEqual(t, textOf(t, d, m.testid), strings.Join(strings.Fields(want), " "), m.testid+" in "+l.Code)
			if one := loc.T(m.id, lang.Args{"Amount": m.sum}); one == want || !loc.Has(m.id+"_several") ||
				!strings.Contains(want, m.sum) || !strings.Contains(want, "2") {
				t.Errorf("%s: one refund and two read alike, or the count or sum is missing: %q", l.Code, want)
			}
		}
	}
}
