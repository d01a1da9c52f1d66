package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// The trial's case: a wallet payment we closed ourselves (Antom had no
// record of it past its expiry) reads as failed only as far as Antom told
// us; the buyer pays again; the first payment then goes through after
// all and is refunded automatically. The buyer's result tells that
// payment — its wallet, its amount — and where its refund stands: on its
// way while Antom has not made it (the page waits), then refunded.
func TestResultTellsTheLateChargeAndItsRefund(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "latecharge@example.com")
	viewer := Viewer{BuyerID: b.ID}
	result := func(ref string) Result {
		t.Helper()
		r, err := e.svc.OrderResult(e.ctx, viewer, ref)
		check(t, err)
		return r
	}
	// paidTwice closes one payment ourselves, pays the order with another,
	// then lets the first succeed at Antom, and returns the order and the
	// first payment.
	paidTwice := func() (Order, db.Attempt) {
		t.Helper()
		o, first := e.closedByUs(b, wallet)
		r := result(o.Ref)
		assertEqual(t, r.State+"/"+r.Decline, ResultUnconfirmed+"/"+wordsNeverArrived, "closed by us: not confirmed, not failed")
		assertEqual(t, len(r.GivenBack), 0, "payments given back before any")
		_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
		check(t, err)
		second := e.attempt(o.Ref)
		check(t, e.sb.SettlePayment(e.ctx, second.PaymentID, true))
		e.waitOrder(b, o.Ref, db.OrderPaid)
		r = result(o.Ref)
		assertEqual(t, r.State, ResultPaid, "paid")
		assertEqual(t, len(r.GivenBack), 0, "payments given back before the late success")
		check(t, e.sb.SettlePayment(e.ctx, first.PaymentID, true))
		return o, first
	}

	// The refund stays PROCESSING at Antom: on its way.
	e.sb.SetRefundDelay(time.Hour)
	o, first := paidTwice()
	e.waitRefund(o.Ref, db.RefundProcessing)
	e.waitFor(func() (string, Order) {
		gs := result(o.Ref).GivenBack
		if len(gs) != 1 {
			return "", Order{}
		}
		return gs[0].State, Order{}
	}, GivenBackRefunding)
	r := result(o.Ref)
	g := r.GivenBack[0]
	assertEqual(t, r.State, ResultPaid, "the order")
	assertEqual(t, g.Amount, Money{first.Currency, first.Amount}, "amount given back")
	assertEqual(t, g.Payment.PaymentRequestID, first.PaymentRequestID, "the payment given back")
	if g.Payment.WalletName == "" || g.Payment.Method != db.MethodWallet {
		t.Fatalf("the payment given back names no wallet: %+v", g.Payment)
	}
	assertEqual(t, r.Charged, Money{first.Currency, first.Amount}, "charged for the order (the other payment)")
	assertEqual(t, r.Refunded.Minor+r.Refunding.Minor, int64(0), "the order's own payment is not refunded")
	assertEqual(t, r.Waiting(), true, "the page waits for the refund")

	// Refunds done at once: refunded, and the page waits no more.
	e.sb.SetRefundDelay(0)
	o, _ = paidTwice()
	made := e.waitRefund(o.Ref, db.RefundSuccess)
	r = result(o.Ref)
	if len(r.GivenBack) != 1 {
		t.Fatalf("payments given back: %+v", r.GivenBack)
	}
	assertEqual(t, r.GivenBack[0].State, GivenBackRefunded, "given back")
	assertEqual(t, r.GivenBack[0].At.Equal(made.RefundedAt), true, "refunded at Antom's time")
	assertEqual(t, r.Waiting(), false, "waiting once refunded")
}

// givenBackState walks every way a surplus payment's giving back stands.
func TestGivenBackStates(t *testing.T) {
	const id = 7
	refund := func(status, refundID string) []db.Refund {
		return []db.Refund{{ID: 1, AttemptID: id, Automatic: true, Status: status, RefundID: refundID}}
	}
	manual := func(cancel, status string) db.Attempt {
		return db.Attempt{ID: id, CaptureMode: antom.CaptureManual, CancelStatus: cancel, Status: status}
	}
	wallet := db.Attempt{ID: id, PaymentID: "P1", Status: db.AttemptSuccess}
	for _, c := range []struct {
		a       db.Attempt
		refunds []db.Refund
		want    string
	}{
		{wallet, refund(db.RefundProcessing, ""), GivenBackAsked},
		{wallet, refund(db.RefundProcessing, "RF1"), GivenBackRefunding},
		{wallet, refund(db.RefundSuccess, "RF1"), GivenBackRefunded},
		{wallet, refund(db.RefundFail, ""), GivenBackFailed},
		{wallet, nil, GivenBackForStaff}, // no paymentId: no refund was made
		{wallet, []db.Refund{{ID: 1, AttemptID: id + 1, Automatic: true, Status: db.RefundSuccess}}, GivenBackForStaff},
		{manual(db.CancelProcessing, db.AttemptSuccess), nil, GivenBackReleasing},
		{manual(db.CancelInDoubt, db.AttemptSuccess), nil, GivenBackReleasing},
		{manual(db.CancelSuccess, db.AttemptSuccess), nil, GivenBackReleased},
		{manual("", db.AttemptCancelled), nil, GivenBackReleased},
		{manual(db.CancelFail, db.AttemptSuccess), nil, GivenBackHoldForStaff},
		{manual("", db.AttemptSuccess), nil, GivenBackForStaff},
	} {
		if got, _ := givenBackState(c.a, c.refunds); got != c.want {
			t.Errorf("%+v with %+v: %s, want %s", c.a, c.refunds, got, c.want)
		}
	}
}
