package checkout

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"antom-checkout/db"
)

func TestAdminOrdersSearchAndFilter(t *testing.T) {
	e := newEnv(t, Options{})
	paid, _ := paidOrder(t, e, "find.me@example.com")
	open := e.order(e.buyer("other@example.com"), "mug", 1)
	failed := e.failedOrder(e.buyer("declined@example.com"), "teapot")
	_, err := e.refund(paid.Ref, "1")
	check(t, err)
	a := e.attempt(paid.Ref)

	refs := func(f OrderFilter) []string {
		t.Helper()
		l, err := e.svc.AdminOrders(e.ctx, f)
		check(t, err)
		var out []string
		for _, it := range l.Items {
			out = append(out, it.Ref+":"+it.Status)
		}
		return out
	}
	for name, c := range map[string]struct {
		f    OrderFilter
		want []string
	}{
		"all tried, newest first": {OrderFilter{}, []string{failed.Ref + ":FAILED", paid.Ref + ":PARTIALLY_REFUNDED"}},
		"failed":                  {OrderFilter{Status: OrderFailed}, []string{failed.Ref + ":FAILED"}},
		"never tried to pay":      {OrderFilter{Status: FilterNoAttempt}, []string{open.Ref + ":OPEN"}},
		"part of an email":        {OrderFilter{Query: "FIND.me"}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"order ref":               {OrderFilter{Query: open.Ref}, []string{open.Ref + ":OPEN"}},
		"paymentRequestId":        {OrderFilter{Query: a.PaymentRequestID}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"paymentId":               {OrderFilter{Query: a.PaymentID}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"partially refunded":      {OrderFilter{Status: OrderPartiallyRefunded}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"paid, not refunded":      {OrderFilter{Status: db.OrderPaid}, nil},
		"open, tried or not":      {OrderFilter{Status: db.OrderOpen}, []string{failed.Ref + ":FAILED", open.Ref + ":OPEN"}},
		"LIKE is literal":         {OrderFilter{Query: "%"}, nil},
	} {
		if got := refs(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	l, err := e.svc.AdminOrders(e.ctx, OrderFilter{Query: "find.me"})
	check(t, err)
	assertEqual(t, l.Items[0].BuyerEmail+" "+l.Items[0].Method, "find.me@example.com Wallet", "buyer and method")
}

func TestAdminOrdersPaginate(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("many@example.com")
	for i := 0; i < OrdersPageSize+2; i++ {
		e.order(b, "notebook", 1)
	}
	first, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterNoAttempt, Page: 1})
	check(t, err)
	second, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterNoAttempt, Page: 2})
	check(t, err)
	if len(first.Items) != OrdersPageSize || !first.HasNext || len(second.Items) != 2 || second.HasNext {
		t.Fatalf("pages: %d %v, %d %v", len(first.Items), first.HasNext, len(second.Items), second.HasNext)
	}
}

func TestDashboard(t *testing.T) {
	e := newEnv(t, Options{})
	paidOrder(t, e, "dash@example.com")
	e.sb.SetRefundDelay(time.Hour)
	o, _ := paidOrder(t, e, "dash2@example.com")
	_, err := e.refund(o.Ref, "1")
	check(t, err)
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	if len(d.Payments) != 1 || d.Payments[0].Count != 2 || d.Payments[0].Total != (Money{"USD", 7400}) {
		t.Fatalf("payments today: %+v", d.Payments)
	}
	pct, ok := d.SuccessRate()
	assertEqual(t, pct, 100, "success rate")
	assertEqual(t, ok, true, "success rate known")
	assertEqual(t, d.RefundsProcessing, 1, "refunds processing")
	assertEqual(t, len(d.Hours), 24, "hours")
	sum := 0
	for _, h := range d.Hours {
		sum += h.Count
	}
	assertEqual(t, sum, 2, "payments in the last 24 hours")
	if last := d.Hours[23].Start; time.Since(last) > time.Hour || time.Since(last) < 0 {
		t.Fatalf("the last bar starts at %v", last)
	}
	assertEqual(t, d.Forged, 0, "refused notifications")

	// Refused notifications of the last 24 hours are open problems; older
	// ones are not.
	check(t, e.svc.RecordForged(e.ctx, "t", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	e.later(25 * time.Hour)
	check(t, e.svc.RecordForged(e.ctx, "t", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	d, err = e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.Forged, 1, "refused notifications in the last 24 hours")
	assertEqual(t, d.Problems(), d.Quarantined+1+d.StuckAttempts+d.RefundsProcessing, "open problems")
}

// failedOrder is an order of b whose one payment attempt failed.
func (e *env) failedOrder(b Buyer, slug string) Order {
	e.t.Helper()
	o := e.order(b, slug, 1)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	now := time.Now()
	id, err := e.db.InsertAttempt(e.ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: fmt.Sprintf("PR-%s-F", o.Ref),
		Method: db.MethodWallet, Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing,
		ExpiresAt: now.Add(time.Minute), NextCheckAt: now.Add(time.Hour), CreatedAt: now})
	check(e.t, err)
	set := db.Settlement{Status: db.AttemptFail, Code: "RISK_REJECT", Source: db.SourceAntom}
	if ok, err := e.db.SettleAttempt(e.ctx, id, db.AttemptProcessing, "", set, now); err != nil || !ok {
		e.t.Fatalf("fail the attempt: %v %v", ok, err)
	}
	return o
}
