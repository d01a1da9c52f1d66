package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A refund made late where the payment's refundable cap is reached (a
// review's HIGH finding): the payment took P; $1.00 closed by us (F); G,
// failed at Antom, asks P − $1.00 − less; F tried again as R, made (or
// settled another way); then Antom makes F late. The buyer got $2.00 (F
// and R, or F and the settlement) and was meant F and G; the books owe G
// what the payment has left (P − $2.00), the cap having taken F's late
// $1.00 off G's debt. The pages say no more paid twice than the buyer got
// beyond what was meant, "less" (the older rule said R's, or F's, $1.00:
// staff who got it back and refunded what the books owe left the buyer
// short by it).
func TestAdminRefundMadeLateRetriedWhereTheCapIsReached(t *testing.T) {
	for _, c := range []struct {
		name    string
		less    int64
		settled bool // F settled another way, not tried again
		notice  string
	}{
		{"G asks all the payment has left: nothing twice", 0, false, ""},
		{"G asks $0.50 less: $0.50 more than was meant", 50, false, "the buyer got $1.00 twice, $0.50 more than was meant. Contact the buyer."},
		{"F settled another way, G asks all the payment has left: nothing twice", 0, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			pay := newClosedRefundPayment(t, "cap-retried@example.com")
			ta, ref, f, insert, settle, ctx := pay.ta, pay.ref, pay.f, pay.insert, pay.settle, context.Background()
			a, err := ta.DB.SuccessfulAttempt(ctx, f.OrderID)
			if err != nil {
				t.Fatal(err)
			}
			paid := a.Amount
			g := insert("G", paid-100-c.less, 0)
			settle(g, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
			if c.settled {
				if ok, err := ta.DB.MarkRefundHandled(ctx, f.ID, "staff", "cash", ta.now); err != nil || !ok {
					t.Fatalf("settled another way: %v %v", ok, err)
				}
			} else {
				settle(insert("R", 100, f.ID), db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
			}
			settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
			owed, err := ta.DB.FailedRefundTotal(ctx, f.AttemptID)
			if err != nil || owed != paid-200 {
				t.Fatalf("the books owe %d of G (%v), want %d (all the payment has left)", owed, err, paid-200)
			}
			b := ta.client(t)
			b.staffSignIn()
			p := b.get("/admin/orders/" + ref).body
			if c.notice == "" {
				for _, id := range []string{"refund-paid-twice-notice", "refund-paid-twice", "refund-made-late-twice"} {
					if strings.Contains(p, `data-testid="`+id+`"`) {
						t.Errorf("the order page says %s: %q", id, textOf(t, html(t, p), id))
					}
				}
				if badges := listBadges(t, b); len(badges) != 0 {
					t.Errorf("the list's badges: %v, want none", badges)
				}
				d := b.get("/admin").body
				for _, id := range []string{"problem-refunds-paid-twice", "problem-payments-made-late-twice"} {
					if strings.Contains(d, `data-testid="`+id+`"`) {
						t.Errorf("the dashboard says %s: %q", id, textOf(t, html(t, d), id))
					}
				}
				if strings.Contains(b.get("/admin/orders?status=refund-paid-twice").body, ref) {
					t.Error("the paid-twice filter lists the order")
				}
				return
			}
			if got := textOf(t, html(t, p), "refund-paid-twice-notice"); !strings.Contains(got, c.notice) {
				t.Errorf("the order page's notice: %q; want %q", got, c.notice)
			}
			if strings.Contains(p, `data-testid="refund-made-late-twice"`) {
				t.Errorf("the order page says more paid twice: %q", textOf(t, html(t, p), "refund-made-late-twice"))
			}
			if got := textOf(t, html(t, p), "refund-paid-twice"); !strings.Contains(got, "the buyer got $1.00 twice, $0.50 more than was meant.") {
				t.Errorf("the refund's row: %q; want $0.50 more than was meant", got)
			}
			if badges := listBadges(t, b); badges[ref] != "refund-paid-twice-badge" {
				t.Errorf("the list's badges: %v, want made twice", badges)
			}
		})
	}
}
