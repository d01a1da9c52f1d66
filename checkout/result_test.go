package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A MANUAL card payment: authorized is not paid (no charge, no paid
// time); a partial capture charges part of it; refunds show as refunds.
func TestResultTellsAuthorizedCapturedAndRefunded(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("truth@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "teapot", 1) // ¥5,800
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)

	r := e.result(v, o.Ref)
	assertEqual(t, r.State, ResultAuthorized, "state")
	assertEqual(t, r.Authorized.String(), "¥5,800", "authorized")
	assertEqual(t, r.Charged, Money{}, "charged before capture")
	assertEqual(t, r.ChargedAt, time.Time{}, "paid time before capture")
	if r.AuthorizedAt.IsZero() {
		t.Fatal("no authorization time")
	}

	check(t, e.svc.Capture(e.ctx, "staff", o.Ref, 5000))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	r = e.result(v, o.Ref)
	assertEqual(t, r.State, ResultPaid, "state after capture")
	assertEqual(t, r.Charged.String(), "¥5,000", "charged")
	assertEqual(t, r.Authorized.String(), "¥5,800", "authorized")
	row, _ := e.db.OrderByRef(e.ctx, o.Ref)
	assertEqual(t, r.ChargedAt, row.PaidAt, "charged at the capture")
	assertEqual(t, r.Payment.CardLabel, "Visa •••• 4242", "card")

	e.sb.SetRefundDelay(time.Hour) // refunds answer S without a refundTime, made when the test says
	_, err := e.refund(o.Ref, "1000")
	check(t, err)
	r = e.result(v, o.Ref)
	assertEqual(t, r.State, ResultPaid, "state while a refund is on its way")
	assertEqual(t, r.Refunding.String(), "¥1,000", "refunding")
	if !r.Waiting() {
		t.Fatal("the page does not wait for the refund")
	}
	before := r.Key()

	check(t, e.sb.SettleRefunds(e.ctx))
	e.settleRefunds(o.Ref)
	r = e.result(v, o.Ref)
	assertEqual(t, r.State, ResultPartiallyRefunded, "state after a partial refund")
	assertEqual(t, r.Refunded.String(), "¥1,000", "refunded")
	assertEqual(t, r.Refunding.Minor, int64(0), "refunding")
	if len(r.Refunds) != 1 || r.Refunds[0].At.IsZero() || r.Waiting() || r.Key() == before {
		t.Fatalf("refund settled: refunds %v, waiting %v, key %s (was %s)", r.Refunds, r.Waiting(), r.Key(), before)
	}

	_, err = e.refund(o.Ref, "4000")
	check(t, err)
	check(t, e.sb.SettleRefunds(e.ctx))
	e.settleRefunds(o.Ref)
	r = e.result(v, o.Ref)
	assertEqual(t, r.State, ResultRefunded, "state after refunding everything charged")
	assertEqual(t, r.Refunded.String(), "¥5,000", "refunded")
}

// settleRefunds waits until the order's refunds are final: the sandbox
// completes them (after its refund delay, or at once by SettleRefunds)
// and sends notifyRefund. It fails after 10 s.
func (e *env) settleRefunds(ref string) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		o, err := e.db.OrderByRef(e.ctx, ref)
		check(e.t, err)
		rs, err := e.db.OrderRefunds(e.ctx, o.ID)
		check(e.t, err)
		open := false
		for _, r := range rs {
			open = open || r.Status == db.RefundProcessing
		}
		if !open {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatal("refunds stayed PROCESSING")
		}
		waitBriefly()
	}
}

// A kept card paying in one click is named by brand and last four in
// every capture mode, though Antom's answer does not repeat them.
func TestKeptCardIsNamedInEveryMode(t *testing.T) {
	for _, mode := range []string{antom.CaptureAutomatic, antom.CaptureManual} {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: mode})
			b := e.buyer("kept-" + mode + "@example.com")
			v := Viewer{BuyerID: b.ID}
			first := e.order(b, "mug", 1)
			_, paymentID := e.startCard(v, first.Ref, true, 0)
			check(t, e.sb.PayCard(e.ctx, paymentID, "5555555555554444"))
			e.waitFor(func() (string, Order) { return e.result(v, first.Ref).Payment.CardLabel, Order{} }, "Mastercard •••• 4444")
			e.waitFor(func() (string, Order) {
				cards, err := e.svc.BuyerCards(e.ctx, b.ID)
				check(t, err)
				if len(cards) == 0 {
					return "", Order{}
				}
				return cards[0].Label(), Order{}
			}, "Mastercard •••• 4444")
			cards, _ := e.svc.BuyerCards(e.ctx, b.ID)

			second := e.order(b, "notebook", 1)
			cp, _ := e.startCard(v, second.Ref, false, cards[0].ID)
			assertEqual(t, cp.RedirectURL, "", "a kept card needs no page")
			assertEqual(t, e.result(v, second.Ref).Payment.CardLabel, "Mastercard •••• 4444", "kept card on the result")
		})
	}
}

// The dashboard counts money taken: a MANUAL authorization counts when
// and as much as it is captured, a voided one never; open authorizations
// are shown apart, and refunds as refunds.
func TestDashboardMoneyInManualMode(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	start := time.Now().UTC().Truncate(24 * time.Hour)
	b := e.buyer("dash@example.com")
	authorize := func(slug string) Order { return e.authorizedOrder(b, slug) }
	captured := authorize("teapot")                             // ¥5,800 authorized
	voided := authorize("matcha")                               // ¥2,400 authorized
	authorize("furoshiki")                                      // ¥3,600 authorized, left open
	check(t, e.svc.Capture(e.ctx, "staff", captured.Ref, 5000)) // partial: ¥800 released
	e.waitOrder(b, captured.Ref, db.OrderPaid)
	check(t, e.svc.Void(e.ctx, "staff", voided.Ref))
	r, err := e.refund(captured.Ref, "1200")
	check(t, err)
	assertEqual(t, r.Status, db.RefundSuccess, "refund")

	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	if !d.Day.Equal(start) {
		t.Skip("the test ran across midnight UTC: its payments fall on two days")
	}
	sums := func(what string, got []PaymentsSum) string {
		if len(got) != 1 {
			t.Fatalf("%s: %+v", what, got)
		}
		return fmt.Sprintf("%s in %d", got[0].Total, got[0].Count)
	}
	assertEqual(t, sums("payments", d.Payments), "¥5,000 in 1", "payments today")
	assertEqual(t, sums("authorizations", d.Authorizations), "¥3,600 in 1", "open authorizations")
	assertEqual(t, sums("refunds", d.Refunds), "¥1,200 in 1", "refunds today")
	total := 0
	for _, h := range d.Hours {
		total += h.Count
	}
	assertEqual(t, total, 1, "payments on the chart")
}

// An AUTOMATIC card payment is money taken when it succeeds; a declined
// one is not.
func TestDashboardMoneyInAutomaticMode(t *testing.T) {
	e := newEnv(t, Options{})
	start := time.Now().UTC().Truncate(24 * time.Hour)
	b := e.buyer("auto-dash@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coffee", 2) // $37.00
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	declined := e.order(b, "mug", 1)
	_, paymentID = e.startCard(v, declined.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4000000000000002"))
	e.waitAttempt(declined.Ref, db.AttemptFail)

	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	if !d.Day.Equal(start) {
		t.Skip("the test ran across midnight UTC: its payments fall on two days")
	}
	if len(d.Payments) != 1 || d.Payments[0].Total.String() != "$37.00" || d.Payments[0].Count != 1 {
		t.Fatalf("payments today: %+v", d.Payments)
	}
	if len(d.Authorizations) != 0 || len(d.Refunds) != 0 {
		t.Fatalf("authorizations %+v, refunds %+v", d.Authorizations, d.Refunds)
	}
}
