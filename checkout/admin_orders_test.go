package checkout

import (
	"testing"
	"time"

	"antom-checkout/db"
)

func TestAdminOrdersSearchAndFilter(t *testing.T) {
	e := newEnv(t, Options{})
	paid, _ := paidOrder(t, e, "find.me@example.com")
	open := e.order(e.buyer("other@example.com"), "mug", 1)
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
		"all, newest first":  {OrderFilter{}, []string{open.Ref + ":OPEN", paid.Ref + ":PARTIALLY_REFUNDED"}},
		"part of an email":   {OrderFilter{Query: "FIND.me"}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"order ref":          {OrderFilter{Query: open.Ref}, []string{open.Ref + ":OPEN"}},
		"paymentRequestId":   {OrderFilter{Query: a.PaymentRequestID}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"paymentId":          {OrderFilter{Query: a.PaymentID}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"partially refunded": {OrderFilter{Status: OrderPartiallyRefunded}, []string{paid.Ref + ":PARTIALLY_REFUNDED"}},
		"paid, not refunded": {OrderFilter{Status: db.OrderPaid}, nil},
		"open":               {OrderFilter{Status: db.OrderOpen}, []string{open.Ref + ":OPEN"}},
		"LIKE is literal":    {OrderFilter{Query: "%"}, nil},
	} {
		got := refs(c.f)
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
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
	first, err := e.svc.AdminOrders(e.ctx, OrderFilter{Page: 1})
	check(t, err)
	second, err := e.svc.AdminOrders(e.ctx, OrderFilter{Page: 2})
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
}
