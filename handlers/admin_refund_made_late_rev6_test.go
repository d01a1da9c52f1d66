package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
)

// rev6's finding 1 on the pages: G ($1.00, closed by us, never made);
// a new $1.00 refund F made after G failed, closed by us; F tried again
// as R, which fails at Antom. The books owe $2.00 (G's and R's): the
// buyer got nothing. Then Antom makes F late: the buyer got $1.00 (F)
// and the books take F's $1.00 both as paying R's debt and as making G
// good — they owe nothing, and no page says anything paid twice. What
// the pages said was meant ($2.00) is now $1.00: G's $1.00 is owed and
// no page says so (staff following them leave the buyer $1.00 short).
func TestRev6AdminLateRefundMadeAfterAFailurePaysItTwice(t *testing.T) {
	pay := newClosedRefundPayment(t, "rev6-after-failure@example.com")
	ta, ref, g, ctx := pay.ta, pay.ref, pay.f, context.Background()
	f := pay.insert("F", 100, 0)
	pay.settle(f, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
	r := pay.insert("R", 100, f)
	pay.settle(r, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	if owed, err := ta.DB.FailedRefundTotal(ctx, g.AttemptID); err != nil || owed != 200 {
		t.Fatalf("before: the books owe %d (%v), want 200", owed, err)
	}
	pay.settle(f, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders/" + ref).body
	var told []string
	for _, id := range []string{"refund-paid-twice-notice", "refund-paid-twice", "refund-made-late-twice"} {
		if strings.Contains(p, `data-testid="`+id+`"`) {
			told = append(told, textOf(t, html(t, p), id))
		}
	}
	owed, err := ta.DB.FailedRefundTotal(ctx, g.AttemptID)
	if err != nil {
		t.Fatal(err)
	}
	if owed != 100 {
		t.Errorf("after Antom made F late: the books owe %d, the order page says paid twice %q; want G's 100 owed (the buyer got F's 100 of 200 meant)", owed, told)
	}
}
