package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// closedRefundPayment is the payment of a refund closed by us
// (closedRefund: F), to add refunds to and settle them.
type closedRefundPayment struct {
	t   *testing.T
	ta  *testApp
	ref string
	f   db.Refund
}

func newClosedRefundPayment(t *testing.T, email string) closedRefundPayment {
	ta := newAdminApp(t)
	ref, f := ta.closedRefund(t, email)
	return closedRefundPayment{t, ta, ref, f}
}

// insert adds a processing refund of amount (minor units) retrying
// retryOf (0: none); its id.
func (p closedRefundPayment) insert(suffix string, amount, retryOf int64) int64 {
	p.t.Helper()
	id, err := p.ta.DB.InsertRefund(context.Background(), db.Refund{OrderID: p.f.OrderID, AttemptID: p.f.AttemptID, RefundRequestID: "RF-" + p.ref + "-" + suffix,
		Currency: p.f.Currency, Amount: amount, Status: db.RefundProcessing, NextCheckAt: p.ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: p.ta.now, RetryOf: retryOf})
	if err != nil {
		p.t.Fatal(err)
	}
	return id
}

// settle moves refund id from from (fromSource) to to, decided by source.
func (p closedRefundPayment) settle(id int64, from, fromSource, to, source string) {
	p.t.Helper()
	if ok, err := p.ta.DB.SettleRefund(context.Background(), id, from, fromSource, to, to, "", source, p.ta.now, p.ta.now); err != nil || !ok {
		p.t.Fatalf("settle %d → %s: %v %v", id, to, ok, err)
	}
}

// Refunds made late on the pages, a settlement after: $1.00 closed by
// us (F), $1.00 failed at Antom (G), a new $0.50 refund made; Antom makes F late, after which the
// books owe $0.50 of G, truly owed (meant $2.00, got $1.50). Staff settle
// G another way for that $0.50: the buyer has the $2.00 meant, nothing
// twice: the order page, the list and the dashboard say nothing paid
// twice (they said the buyer got $0.50 more than was meant when the
// settlement was read as made before Antom made F).
func TestAdminRefundMadeLateSettledAfterIsNotTwice(t *testing.T) {
	pay := newClosedRefundPayment(t, "settled-after@example.com")
	ta, ref, f, ctx := pay.ta, pay.ref, pay.f, context.Background()
	g := pay.insert("G", 100, 0)
	pay.settle(g, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	pay.settle(pay.insert("N", 50, 0), db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	if owed, err := ta.DB.FailedRefundTotal(ctx, f.AttemptID); err != nil || owed != 50 {
		t.Fatalf("the books owe %d of G (%v), want 50", owed, err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, g, "staff", "cash", ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("settled another way: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	if p := b.get("/admin/orders/" + ref).body; strings.Contains(p, `data-testid="refund-made-late-twice"`) {
		t.Errorf("the order page says money paid twice: %s", textOf(t, html(t, p), "refund-made-late-twice"))
	}
	if badges := listBadges(t, b); len(badges) != 0 {
		t.Errorf("the list's badges: %v, want none", badges)
	}
	if strings.Contains(b.get("/admin").body, `data-testid="problem-payments-made-late-twice"`) {
		t.Error("the dashboard counts the payment as paid twice")
	}
}

// Refunds made late on the pages, owed extra paid after: $1.00 closed by us (F); a new $0.40
// refund (N) counted towards it and a retry of F for the $0.60 left, both
// closed by us; Antom makes F late (the page rightly says the books still
// count N's $0.40 owed that F paid). Staff refund $0.40 anyway and it is
// made: the books owe nothing now and the buyer got $0.40 twice, which
// the page says (not "The books still count $0.40 owed"), and the list
// badges the order made twice.
func TestAdminRefundMadeLateOwedThenPaidIsTwice(t *testing.T) {
	pay := newClosedRefundPayment(t, "owed-then-paid@example.com")
	ta, ref, f, insert, settle, ctx := pay.ta, pay.ref, pay.f, pay.insert, pay.settle, context.Background()
	n, r := insert("N", 40, 0), insert("R", 60, f.ID)
	settle(n, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
	settle(r, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
	settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	b := ta.client(t)
	b.staffSignIn()
	assertContains(t, b.get("/admin/orders/"+ref).body, "The books still count $0.40 owed")
	settle(insert("M", 40, 0), db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
	if owed, err := ta.DB.FailedRefundTotal(ctx, f.AttemptID); err != nil || owed != 0 {
		t.Fatalf("the books owe %d (%v), want 0", owed, err)
	}
	p := b.get("/admin/orders/" + ref).body
	if strings.Contains(p, "The books still count") || !strings.Contains(p, "the buyer got $0.40 more than was meant") {
		t.Errorf("the order page: %q; want the buyer got $0.40 more than was meant, and no books' count", textOf(t, html(t, p), "refund-made-late-twice"))
	}
	if badges := listBadges(t, b); badges[ref] != "refund-paid-twice-badge" {
		t.Errorf("the list's badges: %v, want made twice", badges)
	}
}

// Money paid twice stays said so when a refund made later fails:
// TestAdminRefundMadeLateOwedThenPaidIsTwice's history (the buyer got N's
// $0.40 twice), then a new $0.40 refund for something else fails at
// Antom: the page still says the buyer got $0.40 more than was meant (not
// that the books count owed what F paid), and the list's badge stays red.
func TestAdminRefundMadeLateTwiceStaysTwice(t *testing.T) {
	pay := newClosedRefundPayment(t, "twice-stays@example.com")
	ta, ref, f, insert, settle := pay.ta, pay.ref, pay.f, pay.insert, pay.settle
	n, r := insert("N", 40, 0), insert("R", 60, f.ID)
	settle(n, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
	settle(r, db.RefundProcessing, "", db.RefundFail, db.SourceOurs)
	settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	settle(insert("M", 40, 0), db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
	settle(insert("Z", 40, 0), db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders/" + ref).body
	if strings.Contains(p, "The books still count") || !strings.Contains(p, "the buyer got $0.40 more than was meant") {
		t.Errorf("the order page: %q; want the buyer got $0.40 more than was meant, and no books' count", textOf(t, html(t, p), "refund-made-late-twice"))
	}
	if badges := listBadges(t, b); badges[ref] != "refund-paid-twice-badge" {
		t.Errorf("the list's badges: %v, want made twice", badges)
	}
}
