package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

func TestProbeExpiryCancelThenPaidAnotherWay(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "probe@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93")
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "attempt")
	_, err = e.db.Raw().ExecContext(e.ctx, `UPDATE orders SET amount = 1200 WHERE ref = ?`, o.Ref)
	check(t, err)
	e.later(0)
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	t.Logf("second pay: %v", got.Status)
	d, err := e.svc.AdminOrderDetail(e.ctx, o.Ref)
	check(t, err)
	for _, a := range d.Attempts {
		t.Logf("%s %s %s cancelBy=%q", a.PaymentRequestID, a.Status, a.ResultCode, a.CancelBy)
	}
}
