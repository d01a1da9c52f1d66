package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
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

// rev6's finding 4 (the books, no refund made late): settling another
// way a failure a new refund made good in part lets that new refund make
// good another failure as well. G1 ($1.00, closed by us) and G2 ($1.00,
// failed at Antom); a new $0.50 refund N, made (the books take it off
// G1, oldest first): they owe $1.50 (G1's $0.50, G2's $1.00), the buyer
// got $0.50 — $2.00 meant. Staff settle G1 another way for what the page
// says is still owed of it ($0.50): the buyer has $1.00, and the books
// now owe $0.50 (N taken off G2 too) — $1.50 meant. Staff who follow the
// page leave the buyer $0.50 short.
func TestRev6AdminSettlingAFailureFreesTheRefundThatMadeItGood(t *testing.T) {
	pay := newClosedRefundPayment(t, "rev6-settle-frees@example.com")
	ta, g1, ctx := pay.ta, pay.f, context.Background()
	g2 := pay.insert("G2", 100, 0)
	pay.settle(g2, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	pay.settle(pay.insert("N", 50, 0), db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
	if owed, err := ta.DB.FailedRefundTotal(ctx, g1.AttemptID); err != nil || owed != 150 {
		t.Fatalf("before: the books owe %d (%v), want 150", owed, err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, g1.ID, "staff", "cash", ta.now); err != nil || !ok {
		t.Fatalf("settled another way: %v %v", ok, err)
	}
	settled, err := ta.DB.RefundByID(ctx, g1.ID)
	if err != nil {
		t.Fatal(err)
	}
	owed, err := ta.DB.FailedRefundTotal(ctx, g1.AttemptID)
	if err != nil {
		t.Fatal(err)
	}
	if settled.HandledAmount+owed != 150 {
		t.Errorf("G1 settled another way for %d: the books owe %d, want %d (G2's 100 less nothing: N was taken off G1)", settled.HandledAmount, owed, 150-settled.HandledAmount)
	}
}

// rev6's finding 3 on the pages: F ($1.00, closed by us) settled another
// way for its $1.00; a new refund N for all the payment has left
// (P − $1.00, Antom holding F's $1.00 besides: it fits), still
// processing; then Antom makes F late. If Antom makes N the buyer has
// P + $1.00 of P meant: F's $1.00 twice; if it fails, P − $2.00 is owed
// of N and nothing is twice. The older rule's "the buyer got $1.00 more
// than was meant" is cut to nothing (read with N failed): no notice,
// badge, filter or dashboard count says anything, not even "may".
func TestRev6AdminSettledThenMadeLateBesideAProcessingRefundSaysNoMay(t *testing.T) {
	pay := newClosedRefundPayment(t, "rev6-no-may@example.com")
	ta, ref, f, ctx := pay.ta, pay.ref, pay.f, context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, f.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, f.ID, "staff", "cash", ta.now); err != nil || !ok {
		t.Fatalf("settled another way: %v %v", ok, err)
	}
	pay.insert("N", a.Amount-100, 0)
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders/" + ref).body
	var told []string
	for _, id := range []string{"refund-paid-twice-notice", "refund-paid-twice", "refund-made-late-twice"} {
		if strings.Contains(p, `data-testid="`+id+`"`) {
			told = append(told, id)
		}
	}
	badges := listBadges(t, b)
	if len(told) == 0 || badges[ref] == "" {
		t.Errorf("N processing: the order page says %v, the list's badge %q; want that the buyer may get F's $1.00 twice", told, badges[ref])
	}
}

// rev6's finding 5 on the pages: the payment took P; F ($1.00) closed by
// us; N (P − $1.50) fails at Antom: owed P − $0.50, all meant. F tried
// again as R (processing); Antom makes F late: the cap counts F and R, so
// the books owe N P − $2.00. Settled another way for that, N lost its
// last $0.50 when Antom failed R (R owes nothing: F paid its chain's
// debt). So while R processes, N waits: its line says what it owes, why
// (the rest more than the payment has left while R processes) and that
// it can be tried again or settled another way once Antom has answered
// for R, which tries again F that Antom made after all; no form is
// offered, and posting either (first or confirmed) goes back to the
// order saying it waits, nothing stored, marked or put on the timeline.
// Once Antom fails R, N owes its P − $1.50 and staff settle it for that:
// the buyer has the P − $0.50 meant, nothing owed.
func TestRev6AdminCapCutByALateRetryWaits(t *testing.T) {
	pay := newClosedRefundPayment(t, "rev6-cap-waits@example.com")
	ta, ref, f, ctx := pay.ta, pay.ref, pay.f, context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, f.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	n := pay.insert("N", a.Amount-150, 0)
	pay.settle(n, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	r := pay.insert("R", 100, f.ID)
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, db.SourceAntom)
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	handled := fmt.Sprintf("%s/refunds/%d/handled", order, n)
	retry := fmt.Sprintf("%s/refunds/%d/retry", order, n)
	money := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }

	p := b.get(order).body
	wait := textOf(t, html(t, p), "refund-cap-wait")
	for _, want := range []string{"RF-" + ref + "-N failed and owes " + money(a.Amount-200),
		"(the rest is more than the payment has left to refund while refund RF-" + ref + "-R processes)",
		"once Antom has answered for RF-" + ref + "-R, which tries again refund " + f.RefundRequestID + " that Antom made after all"} {
		if !strings.Contains(wait, want) {
			t.Errorf("the waiting line lacks %q: %s", want, wait)
		}
	}
	if strings.Contains(p, `data-testid="retry-form"`) || strings.Contains(p, `data-testid="handled-form"`) {
		t.Error("a retry or handled form is offered while R processes")
	}
	key, err := checkout.NewRefundKey()
	if err != nil {
		t.Fatal(err)
	}
	counts := func() [3]int {
		return [3]int{ta.count(t, "SELECT COUNT(*) FROM refunds"), ta.count(t, "SELECT COUNT(*) FROM events"),
			ta.count(t, "SELECT COUNT(*) FROM refunds WHERE handled_at != ''")}
	}
	before := counts()
	says := "RF-" + ref + "-R, still processing at Antom, tries again refund " + f.RefundRequestID + ", which Antom made after all"
	note, again := url.Values{"note": {"bank transfer"}, "owed": {itoa(a.Amount - 200)}}, url.Values{"key": {key}, "owed": {itoa(a.Amount - 200)}}
	for _, before := range []bool{false, true} {
		if before {
			note, again = shownBefore(t, ta, b, handled, note), shownBefore(t, ta, b, retry, again)
		}
		shown := b.refusedAt(order, handled, note, says)
		// The note typed is kept, quoted, as for a covered failure's
		// refusal, and the refusal speaks of R anew once Antom answers.
		assertContains(t, shown.body, "Your note was not saved: “bank transfer”.", "Refund RF-"+ref+"-R failed, so what it took of the payment is free again")
		b.refusedAt(order, retry, again, says)
	}
	assertEqual(t, counts(), before, "refunds, timeline lines and handled refunds after the refusals")

	pay.settle(r, db.RefundProcessing, "", db.RefundFail, db.SourceAntom)
	p = b.get(order).body
	if strings.Contains(p, `data-testid="refund-cap-wait"`) || !strings.Contains(p, `data-testid="handled-form"`) {
		t.Fatal("once Antom failed R, N is not offered to settle")
	}
	b.confirm(handled, url.Values{"note": {"bank transfer"}})
	settled, err := ta.DB.RefundByID(ctx, n)
	if err != nil || settled.HandledAmount != a.Amount-150 {
		t.Fatalf("N settled for %d (%v), want %d", settled.HandledAmount, err, a.Amount-150)
	}
	owed, err := ta.DB.FailedRefundTotal(ctx, f.AttemptID)
	if err != nil {
		t.Fatal(err)
	}
	if got := 100 + settled.HandledAmount; got+owed != a.Amount-50 {
		t.Errorf("R failed: the buyer has %d, the books owe %d; want %d owed (%d meant)", got, owed, a.Amount-50-got, a.Amount-50)
	}
}
